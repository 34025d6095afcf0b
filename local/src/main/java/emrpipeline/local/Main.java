package emrpipeline.local;

import com.fasterxml.jackson.databind.JsonNode;
import emrpipeline.local.asl.DefinitionException;
import emrpipeline.local.asl.Json;
import emrpipeline.local.aws.EmrTiming;
import emrpipeline.local.aws.LocalEmr;
import emrpipeline.local.lambda.LocalFunction;
import emrpipeline.local.spark.SparkRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The offline runner's command line (docs/offline-runner.md): {@code run} executes the state machine,
 * {@code invoke} one function, {@code add} uploads new raw data. Exit status: 0 success, 1 the execution or the
 * function failed, 2 a usage or setup error, reported in one line (the stack trace only with {@code --verbose}).
 */
public final class Main {
    static final String USAGE = """
            usage: local/run COMMAND [OPTIONS]

            commands:
              run                       run statemachine/pipeline.asl.json once, offline (the functions run in-process)
              invoke LOGICAL_ID -e FILE invoke one function of template.yaml with an event, like sam local invoke
              add FILE... [--key NAME]  upload files under the raw prefix of the local data bucket (new data for the next run)
              help                      this text

            common options:
              --data-dir DIR            where the local S3 bucket, the ledger (DynamoDB Local) and the function logs
                                        live, kept from run to run; default local/.data
              --fresh                   empty the data folder first: bucket, ledger, logs (the sample data is uploaded again)
              --in-memory               keep nothing on disk (S3 and the ledger in memory)
              --parameter NAME=VALUE    a template.yaml parameter value (repeatable)
              --seed N                  seed of ids and retry jitter (default: random)
              --verbose                 print the functions' logs too (and the stack trace of a setup error)

            run options:
              --input JSON | --input-file FILE   the execution input (default {}), e.g. events/state-machine/manual-run.json
              --name NAME               the execution name (default local-<start time>)
              --start INSTANT           the virtual start time, e.g. 2026-11-22T06:00:00Z
              --history FILE            write the execution history (GetExecutionHistory shape) to FILE
              --env FUNCTION.VAR=VALUE  a function environment variable over template.yaml's (repeatable)
              --fail TARGET=ERROR[:CAUSE][@ATTEMPTS]
                                        fail a task attempt instead of calling it; TARGET is a state name, a Task
                                        resource ARN or a function logical id; ATTEMPTS like 1 or 1,2 (default: all)
              --slack-down[=STATUS]     Slack answers every post with STATUS (default 503; 429 comes with Retry-After)
              --slack-flaky N           Slack fails the first N posts (503), then accepts
              --slack-hang              Slack never answers (the notifier gives up in time; the run goes on)
              --stop-after DURATION     StopExecution that long after the start (e.g. 20m): the execution ends
                                        ABORTED without its Catch, and the run janitor gets the event
              --execution-timeout DURATION  the execution's TimeoutSeconds instead of the definition's (to see a
                                        TIMED_OUT end and the janitor after it; the definition's budget prevents it)
              --summary FILE            write one JSON document of the outcome to FILE (execution, clusters,
                                        alarms left, ledger, lease holder, Slack, SNS, janitor)
              --no-spark                simulate the Spark step (12 min, writes nothing) instead of running the job
                                        in Spark local mode (the default for a JAR entry point)
              --cluster-fails CODE[:MESSAGE]     the EMR cluster fails while starting (TERMINATED_WITH_ERRORS)
              --step-fails [REASON[:MESSAGE]]    the Spark step fails (simulated: the job does not run)
              --step-duration DURATION  how long the simulated Spark step runs (default 12m; e.g. 45m, 2h, 90s)
              --lease-held-by NAME      a live execution NAME holds the ledger's lease when the run starts

            invoke options:
              -e, --event FILE          the event (JSON); - reads standard input
              --env VAR=VALUE           an environment variable over template.yaml's (repeatable)
              --env-vars FILE           sam local invoke's JSON: {"LogicalId": {"VAR": "value"}, "Parameters": {...}}
            """;

    private Main() {
    }

    /** The commands; {@link #run} dispatches over them with an exhaustive switch, so none can be left unhandled. */
    enum Command {
        RUN, INVOKE, ADD;

        static Command parse(String text) {
            for (Command c : values()) {
                if (c.name().toLowerCase(java.util.Locale.ROOT).equals(text)) {
                    return c;
                }
            }
            throw new UsageException("unknown command '" + text + "'; the commands are run, invoke, add and help");
        }
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (UsageException e) {
            System.err.println("local/run: " + e.getMessage());
            System.err.println("(local/run help for the usage)");
            status = 2;
        }
        System.out.flush();
        System.exit(status); // always: DynamoDB Local's threads would otherwise keep the JVM alive
    }

    /** Runs a command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return 0;
        }
        Options options = Options.parse(args);
        try {
            return switch (options.command) {
                case RUN -> runPipeline(options, out, err);
                case INVOKE -> invoke(options, out, err);
                case ADD -> add(options, out);
            };
        } catch (UsageException e) {
            throw e;
        } catch (DefinitionException e) {
            err.println("local/run: the state machine definition (after DefinitionSubstitutions) is invalid:");
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            // A setup error or a failure of a local stand-in: one line at once, not a stack trace.
            err.println("local/run: " + oneLine(e));
            if (options.verbose) {
                e.printStackTrace(err);
            }
            return 2;
        }
    }

    /** An exception's message on one line (its class when it has none), cut to 500 characters. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName()
                : e instanceof IllegalArgumentException || e instanceof UncheckedIOException || e instanceof IllegalStateException
                ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        String line = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return line.length() > 500 ? line.substring(0, 499) + "…" : line;
    }

    private static int runPipeline(Options o, PrintStream out, PrintStream err) {
        RunRequest request = new RunRequest().executionName(o.name).startTime(o.start).input(o.input())
                .slackDown(o.slackDownStatus).clusterFails(o.clusterFailure).stepFails(o.stepFailure).leaseHeldBy(o.leaseHeldBy)
                .stopAfter(o.stopAfter).slackFlaky(o.slackFlaky).slackHangs(o.slackHang).executionTimeout(o.executionTimeout);
        o.faults.forEach(request::fail);
        if (o.stepDuration != null) {
            request.emrTiming(EmrTiming.DEFAULT.withStepRunning(o.stepDuration));
        }
        long started = System.nanoTime();
        try (LocalPipeline pipeline = LocalPipeline.start(o.settings())) {
            out.println("emr-pipeline offline run: " + o.projectRoot.relativize(o.projectRoot.resolve("statemachine/pipeline.asl.json"))
                    + " with template.yaml (stack " + LocalPipeline.STACK_NAME + ", " + LocalPipeline.REGION + ")");
            out.println("data: " + (o.dataFolder() == null ? "in memory" : "s3://" + pipeline.dataBucket() + " in "
                    + o.dataFolder().resolve("s3")) + "; ledger " + (o.dataFolder() != null
                    ? "in " + o.dataFolder().resolve("dynamodb") : "in memory")
                    + (pipeline.seededSampleData() ? "; sample data uploaded to " + pipeline.rawPrefix() : ""));
            RunResult result = pipeline.run(request);
            out.println();
            new RunReport(result).print(out);
            if (o.leaseHeldBy == null) {
                explainHeldLease(result, o, out);
            }
            for (Fault fault : o.faults) {
                if (result.attempts().stream().noneMatch(a -> a.injected() == fault)) {
                    out.println("Note: --fail " + fault.text() + " matched no task attempt (targets: a Task state's name,"
                            + " its Resource ARN, or a function's logical id; attempts count from 1)");
                }
            }
            if (o.history != null) {
                result.execution().history().write(o.history);
                out.println("History: " + result.execution().history().events().size() + " events written to " + o.history);
            }
            if (o.summary != null) {
                RunSummary.write(result, pipeline, o.summary);
                out.println("Summary: " + o.summary);
            }
            writeLogs(o, result, out);
            out.printf("Real time: %.1f s%n", (System.nanoTime() - started) / 1e9);
            return result.succeeded() ? 0 : 1;
        }
    }

    /**
     * A run SKIPPED because the ledger's lease is held: the ledger is kept in the data folder, so a run that was
     * interrupted (Ctrl-C, a crash) before it released the lease holds it until it expires. Says so, and how out.
     */
    private static void explainHeldLease(RunResult result, Options o, PrintStream out) {
        for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> record : result.ledgerRecordsOfThisRun()) {
            var status = record.get("beginStatus");
            var owner = record.get("leaseOwner");
            if (status != null && "SKIPPED".equals(status.s()) && owner != null
                    && !result.context().executionArn().equals(owner.s())) {
                var until = record.get("leaseExpiresAt");
                out.println("Note: the ledger's lease is held by " + owner.s() + (until == null ? "" : " until " + until.s())
                        + " (virtual time). If no other local/run is using " + (o.dataFolder() == null ? "this ledger"
                        : o.dataFolder()) + ", that run was interrupted before it released the lease: `local/run run"
                        + " --fresh` starts over (data and ledger), or `--start` after that time takes the lease over.");
            }
        }
    }

    /**
     * Where the functions' log lines went: into {@code <data>/logs/<execution name>.log} (unless {@code --in-memory}),
     * and with {@code --verbose} printed as well. Never an empty line where a path or the logs belong.
     */
    private static void writeLogs(Options o, RunResult result, PrintStream out) {
        String logs = result.functionLogs();
        Path file = null;
        if (o.dataFolder() != null) {
            file = o.dataFolder().resolve("logs").resolve(result.context().name() + ".log");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, logs);
            } catch (IOException e) {
                out.println("Function logs could not be written to " + file + ": " + e.getMessage());
                file = null;
            }
        }
        if (o.verbose) {
            out.println();
            if (logs.isEmpty()) {
                out.println("Function logs: none (no function logged anything)");
            } else {
                out.println("Function logs" + (file == null ? "" : " (also in " + file + ")") + ":");
                out.print(logs);
            }
        } else if (file != null) {
            out.println("Function logs: " + file + (logs.isEmpty() ? " (empty: no function logged anything)" : ""));
        } else {
            out.println("Function logs: not kept with --in-memory (--verbose prints them)");
        }
    }

    private static int invoke(Options o, PrintStream out, PrintStream err) {
        if (o.arguments.size() != 1) {
            throw new UsageException("invoke takes one function logical id, e.g. local/run invoke StorageSizingFunction -e events/storage-sizing/daily.json");
        }
        if (o.event == null) {
            throw new UsageException("invoke needs an event: -e FILE");
        }
        byte[] event;
        try {
            event = o.event.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(o.projectRoot.resolve(o.event));
        } catch (IOException e) {
            throw new UsageException("cannot read the event " + o.event + ": " + e.getMessage());
        }
        String function = o.arguments.get(0);
        Map<String, Map<String, String>> env = new LinkedHashMap<>(o.environment);
        if (!o.functionEnvironment.isEmpty()) {
            env.computeIfAbsent(function, k -> new LinkedHashMap<>()).putAll(o.functionEnvironment);
        }
        LocalPipeline.Settings settings = o.settings(env);
        try (LocalPipeline pipeline = LocalPipeline.start(settings)) {
            LocalFunction.Invocation invocation = pipeline.invoke(function, event);
            if (!invocation.logs().isEmpty()) {
                err.print(invocation.logs());
            }
            err.printf("%s %s: %s in %d ms%n", function, invocation.requestId(), invocation.failed() ? "error" : "response",
                    invocation.took().toMillis());
            JsonNode payload = Json.parse(invocation.payloadText());
            try {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(payload));
            } catch (IOException e) {
                out.println(invocation.payloadText());
            }
            return invocation.failed() ? 1 : 0;
        }
    }

    private static int add(Options o, PrintStream out) {
        if (o.arguments.isEmpty()) {
            throw new UsageException("add takes one or more files");
        }
        if (o.key != null && o.arguments.size() != 1) {
            throw new UsageException("--key names one file only");
        }
        if (o.dataFolder() == null) {
            throw new UsageException("add needs a data folder (not --in-memory)");
        }
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (String file : o.arguments) {
            Path path = Path.of(file);
            try {
                contents.put(path, Files.readAllBytes(path));
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
        }
        // The names are checked before anything starts: a bad one is a usage error, and nothing is uploaded.
        String rawPrefix = LocalPipeline.rawPrefixOf(o.projectRoot, o.parameters);
        Map<Path, String> names = new LinkedHashMap<>();
        for (Path path : contents.keySet()) {
            String name = o.key != null ? o.key : path.getFileName().toString();
            String what = o.key != null ? "--key " + RawObjectKey.quoted(name)
                    : "the file name " + RawObjectKey.quoted(name) + " (give another with --key)";
            try {
                RawObjectKey.of(rawPrefix, name, what);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            names.put(path, name);
        }
        try (LocalPipeline pipeline = LocalPipeline.start(o.settings())) {
            for (Map.Entry<Path, String> e : names.entrySet()) {
                byte[] content = contents.get(e.getKey());
                String key = pipeline.addRawObject(e.getValue(), content, "the object name " + RawObjectKey.quoted(e.getValue()));
                out.println("uploaded " + e.getKey() + " to s3://" + pipeline.dataBucket() + "/" + key + " (" + content.length + " bytes)");
            }
            return 0;
        }
    }

    /** A usage error: exit status 2 with the message. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. */
    static final class Options {
        private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

        Command command;
        final List<String> arguments = new ArrayList<>();
        Path projectRoot = projectRoot();
        Path dataDir;
        boolean fresh;
        boolean inMemory;
        final Map<String, String> parameters = new LinkedHashMap<>();
        Long seed;
        boolean verbose;
        boolean noSpark;
        String inputJson;
        Path inputFile;
        String name;
        Instant start;
        Path history;
        final Map<String, Map<String, String>> environment = new LinkedHashMap<>();
        final Map<String, String> functionEnvironment = new LinkedHashMap<>();
        final List<Fault> faults = new ArrayList<>();
        int slackDownStatus;
        LocalEmr.ClusterFailure clusterFailure;
        LocalEmr.StepFailure stepFailure;
        Duration stepDuration;
        String leaseHeldBy;
        Duration stopAfter;
        Duration executionTimeout;
        int slackFlaky;
        boolean slackHang;
        Path summary;
        String event;
        String key;

        static Options parse(String[] args) {
            Options o = new Options();
            o.command = Command.parse(args[0]);
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--data-dir" -> o.dataDir = Path.of(value != null ? value : next(args, ++i, arg));
                    case "--fresh" -> o.fresh = true;
                    case "--in-memory" -> o.inMemory = true;
                    case "--persist-ledger" -> {
                        // The ledger is kept in the data folder by default now; accepted so older scripts still run.
                    }
                    case "--parameter" -> o.keyValue(value != null ? value : next(args, ++i, arg), o.parameters, arg);
                    case "--seed" -> o.seed = Long.parseLong(value != null ? value : next(args, ++i, arg));
                    case "--verbose", "-v" -> o.verbose = true;
                    case "--no-spark" -> o.noSpark = true;
                    case "--input" -> o.inputJson = value != null ? value : next(args, ++i, arg);
                    case "--input-file" -> o.inputFile = Path.of(value != null ? value : next(args, ++i, arg));
                    case "--name" -> o.name = value != null ? value : next(args, ++i, arg);
                    case "--start" -> o.start = Instant.parse(value != null ? value : next(args, ++i, arg));
                    case "--history" -> o.history = Path.of(value != null ? value : next(args, ++i, arg));
                    case "--env" -> o.environment(value != null ? value : next(args, ++i, arg));
                    case "--env-vars" -> o.envVarsFile(Path.of(value != null ? value : next(args, ++i, arg)));
                    case "--fail" -> o.faults.add(Fault.parse(value != null ? value : next(args, ++i, arg)));
                    case "--slack-down" -> o.slackDownStatus = value != null ? Integer.parseInt(value) : 503;
                    case "--cluster-fails" -> {
                        String[] parts = (value != null ? value : next(args, ++i, arg)).split(":", 2);
                        o.clusterFailure = new LocalEmr.ClusterFailure(parts[0], parts.length > 1 ? parts[1]
                                : "The requested instance capacity is not available (offline fault injection)");
                    }
                    case "--step-fails" -> {
                        String spec = value != null ? value : (i + 1 < args.length && !args[i + 1].startsWith("-") ? args[++i] : "");
                        String[] parts = spec.split(":", 2);
                        o.stepFailure = new LocalEmr.StepFailure(parts[0].isEmpty() ? "Unknown Error." : parts[0],
                                parts.length > 1 ? parts[1] : "Step failed with exitCode 1 (offline fault injection)");
                    }
                    case "--step-duration" -> o.stepDuration = duration(value != null ? value : next(args, ++i, arg));
                    case "--lease-held-by" -> o.leaseHeldBy = value != null ? value : next(args, ++i, arg);
                    case "--stop-after" -> o.stopAfter = duration(value != null ? value : next(args, ++i, arg));
                    case "--execution-timeout" -> o.executionTimeout = duration(value != null ? value : next(args, ++i, arg));
                    case "--slack-flaky" -> o.slackFlaky = Integer.parseInt(value != null ? value : next(args, ++i, arg));
                    case "--slack-hang" -> o.slackHang = true;
                    case "--summary" -> o.summary = Path.of(value != null ? value : next(args, ++i, arg));
                    case "-e", "--event" -> o.event = value != null ? value : next(args, ++i, arg);
                    case "--key" -> o.key = value != null ? value : next(args, ++i, arg);
                    default -> {
                        if (arg.startsWith("-") && !arg.equals("-")) {
                            throw new UsageException("unknown option " + arg);
                        }
                        o.arguments.add(args[i]);
                    }
                }
            }
            if (o.command == Command.RUN && !o.arguments.isEmpty()) {
                throw new UsageException("run takes no argument " + o.arguments);
            }
            return o;
        }

        private static String next(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        private void keyValue(String text, Map<String, String> into, String option) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(option + " expects NAME=VALUE, got '" + text + "'");
            }
            into.put(text.substring(0, eq), text.substring(eq + 1));
        }

        /** {@code --env FUNCTION.VAR=VALUE} for run, {@code --env VAR=VALUE} for invoke. */
        private void environment(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--env expects NAME=VALUE, got '" + text + "'");
            }
            String name = text.substring(0, eq);
            String value = text.substring(eq + 1);
            int dot = name.indexOf('.');
            if (command == Command.INVOKE && dot < 0) {
                functionEnvironment.put(name, value);
            } else if (dot > 0) {
                environment.computeIfAbsent(name.substring(0, dot), k -> new LinkedHashMap<>()).put(name.substring(dot + 1), value);
            } else {
                throw new UsageException("--env for run names the function: FUNCTION.VAR=VALUE, got '" + text + "'");
            }
        }

        private void envVarsFile(Path file) {
            JsonNode json;
            try {
                json = Json.parse(Files.readString(projectRoot.resolve(file)));
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
            json.fields().forEachRemaining(entry -> {
                Map<String, String> target = entry.getKey().equals("Parameters") ? functionEnvironment
                        : environment.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>());
                entry.getValue().fields().forEachRemaining(v -> target.put(v.getKey(), v.getValue().asText()));
            });
        }

        static Duration duration(String text) {
            Matcher m = DURATION.matcher(text);
            if (text.isEmpty() || !m.matches()) {
                throw new UsageException("a duration is like 90s, 12m, 1h30m; got '" + text + "'");
            }
            long seconds = 0;
            if (m.group(1) != null) {
                seconds += Long.parseLong(m.group(1)) * 3600;
            }
            if (m.group(2) != null) {
                seconds += Long.parseLong(m.group(2)) * 60;
            }
            if (m.group(3) != null) {
                seconds += Long.parseLong(m.group(3));
            }
            return Duration.ofSeconds(seconds);
        }

        JsonNode input() {
            if (inputJson != null && inputFile != null) {
                throw new UsageException("--input and --input-file: give one");
            }
            try {
                if (inputFile != null) {
                    return Json.parse(Files.readString(projectRoot.resolve(inputFile), StandardCharsets.UTF_8));
                }
                return inputJson == null ? Json.object() : Json.parse(inputJson);
            } catch (IOException e) {
                throw new UsageException("cannot read " + inputFile + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UsageException("the execution input is not JSON: " + e.getMessage());
            }
        }

        /** The data folder, or null for --in-memory. */
        Path dataFolder() {
            if (inMemory) {
                return null;
            }
            return dataDir != null ? dataDir.toAbsolutePath() : projectRoot.resolve("local/.data");
        }

        /**
         * {@code run}'s settings: the step runs the job in Spark local mode unless {@code --no-spark}, or a simulated
         * step is asked for ({@code --step-fails}, {@code --step-duration}).
         */
        LocalPipeline.Settings settings() {
            LocalPipeline.Settings settings = settings(environment);
            boolean simulated = noSpark || stepFailure != null || stepDuration != null;
            return command == Command.RUN && !simulated ? settings.withSpark(SparkRuntime.of(projectRoot)) : settings;
        }

        LocalPipeline.Settings settings(Map<String, Map<String, String>> env) {
            Path data = dataFolder();
            if (fresh && data != null) {
                clear(data);
            }
            return new LocalPipeline.Settings(projectRoot, data, data != null, parameters, env, seed);
        }

        /** Removes what the runner keeps in the data folder (nothing else in it). */
        private static void clear(Path data) {
            for (String part : List.of("s3", "dynamodb", "logs", "virtual-clock")) {
                Path path = data.resolve(part);
                if (!Files.exists(path)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot clear " + path, e);
                }
            }
        }

        /** The repository: -Demrpipeline.root (set by local/run), else the first folder up with template.yaml. */
        private static Path projectRoot() {
            String property = System.getProperty("emrpipeline.root");
            if (property != null) {
                return Path.of(property).toAbsolutePath().normalize();
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("statemachine"))) {
                    return dir;
                }
            }
            throw new UsageException("cannot find the repository (a folder with template.yaml and statemachine/);"
                    + " run from inside it or set -Demrpipeline.root");
        }
    }
}
