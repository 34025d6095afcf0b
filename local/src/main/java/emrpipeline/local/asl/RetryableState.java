package emrpipeline.local.asl;

import java.util.List;

/**
 * The states that may carry Retry and Catch: {@link TaskState}, {@link ParallelState} and {@link MapState}.
 * They leave by Next (or end) and by their catchers, and each attempt runs under the retry policy.
 */
abstract sealed class RetryableState extends NextOrEndState permits TaskState, ParallelState, MapState {
    final RetryPolicy retry;
    final List<Catcher> catchers;

    RetryableState(String name, String next, String location, RetryPolicy retry, List<Catcher> catchers) {
        super(name, next, location);
        this.retry = retry;
        this.catchers = catchers;
    }

    /** One attempt of the state; the retry policy and the catchers decide what follows a failure. */
    abstract Step attempt(StateRun run, RetryPolicy.Attempts attempts);

    @Override
    final List<Transition> transitions() {
        List<Transition> t = super.transitions();
        for (int i = 0; i < catchers.size(); i++) {
            if (catchers.get(i).next() != null) {
                t.add(transition(catchers.get(i).next(), location + "/Catch[" + i + "]/Next"));
            }
        }
        return t;
    }

    @Override
    final Step execute(StateRun run) {
        run.entered();
        return run.execution.withRetryAndCatch(run, retry, catchers, attempts -> attempt(run, attempts));
    }
}
