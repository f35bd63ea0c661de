package io.gpushift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the calculators that need no cluster: {@code gpushift quote} and {@code gpushift backtest}. */
@Command(name = "gpushift", mixinStandardHelpOptions = true, version = "gpushift 0.1.0",
        description = "GPUShift calculators: the operator's engine without a cluster.",
        subcommands = {QuoteCommand.class, BacktestCommand.class})
public final class Main {
    public static void main(String[] args) {
        // Fabric8's model classes log through SLF4J; a calculator has nothing to log, so silence its "no provider" notice.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
