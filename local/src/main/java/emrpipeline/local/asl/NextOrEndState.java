package emrpipeline.local.asl;

import java.util.ArrayList;
import java.util.List;

/**
 * The states that go on by Next or end their graph by {@code End: true}: {@link PassState}, {@link WaitState} and
 * the states that may also leave by a catcher ({@link RetryableState}).
 */
abstract sealed class NextOrEndState extends State permits PassState, WaitState, RetryableState {
    final String next;
    final String location;

    NextOrEndState(String name, String next, String location) {
        super(name);
        this.next = next;
        this.location = location;
    }

    @Override
    List<Transition> transitions() {
        List<Transition> t = new ArrayList<>();
        if (next != null) {
            t.add(transition(next, location + "/Next"));
        }
        return t;
    }

    @Override
    final boolean terminal() {
        return next == null;
    }
}
