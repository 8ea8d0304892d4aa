import gc

from drafter import CLI_GC_THRESHOLDS

gc.set_threshold(*CLI_GC_THRESHOLDS)  # before the command line's own imports

from drafter.cli import main  # noqa: E402 - after the collector is set

main()
