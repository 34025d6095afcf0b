package emrpipeline.local.asl;

import java.util.List;

/** Succeed and Fail: they always end their graph and go to no other state. */
abstract sealed class EndingState extends State permits SucceedState, FailState {
    EndingState(String name) {
        super(name);
    }

    @Override
    final List<Transition> transitions() {
        return List.of();
    }

    @Override
    final boolean terminal() {
        return true;
    }
}
