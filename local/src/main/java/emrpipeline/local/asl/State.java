package emrpipeline.local.asl;

import java.util.List;

/**
 * A state of a graph. Each type parses and validates its own fields and runs itself; see
 * {@link PassState}, {@link TaskState}, {@link ChoiceState}, {@link WaitState},
 * {@link SucceedState}, {@link FailState}, {@link ParallelState} and {@link MapState}.
 */
abstract sealed class State
        permits NextOrEndState, ChoiceState, EndingState {

    /** A transition to another state of the same graph, with where the definition says so. */
    record Transition(String target, String location) {
    }

    final String name;

    State(String name) {
        this.name = name;
    }

    /** The Type field: Pass, Task, ... (also the prefix of the StateEntered/Exited events). */
    abstract String type();

    /** Every state this one can go to (Next, Default, Choices[].Next, Catch[].Next). */
    abstract List<Transition> transitions();

    /** True for End: true, Succeed and Fail. */
    abstract boolean terminal();

    abstract Step execute(StateRun run);

    static Transition transition(String target, String location) {
        return new Transition(target, location);
    }
}
