package emrpipeline.alarms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a request into an {@link AlarmCommand}, before any API call. Every refusal is an
 * {@link InvalidAlarmRequestException} whose message names the field and the reason.
 */
public final class AlarmCommands {
    /**
     * The run id becomes the value of the alarms' run-id tag: AWS tag values are at most 256 characters of letters,
     * digits, white space and {@code _ . : / = + - @}.
     */
    private static final Pattern RUN_ID = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}");

    private AlarmCommands() {
    }

    public static AlarmCommand from(AlarmLifecycleRequest request, AlarmSettings settings) {
        if (request == null) {
            throw new InvalidAlarmRequestException("the request is empty: expected {\"action\": \"create\"|\"delete\"|\"sweep\", ...}");
        }
        String action = request.getAction();
        if (action == null || action.isBlank()) {
            throw new InvalidAlarmRequestException("action is required: create, delete or sweep");
        }
        AlarmAction known = AlarmAction.of(action).orElseThrow(() -> new InvalidAlarmRequestException(
                "action must be create, delete or sweep, got '" + action + "'"));
        AlarmNames names = new AlarmNames(settings.namePrefix());
        return switch (known) {
            case CREATE -> create(request, settings, names);
            case DELETE -> delete(request, names);
            case SWEEP -> sweep(request);
        };
    }

    private static AlarmCommand create(AlarmLifecycleRequest request, AlarmSettings settings, AlarmNames names) {
        if (request.getAlarmNames() != null) {
            throw new InvalidAlarmRequestException("alarmNames is not accepted by create: the names follow from clusterId");
        }
        String clusterId = clusterId(request.getClusterId(), names);
        String runId = request.getRunId();
        if (runId == null || runId.isBlank()) {
            throw new InvalidAlarmRequestException("runId is required for create (it names the run in the alarms' description and tag)");
        }
        if (!RUN_ID.matcher(runId).matches()) {
            throw new InvalidAlarmRequestException("runId must be 1 to 256 letters, digits, spaces or _ . : / = + - @ "
                    + "(it becomes a tag value), got '" + runId + "'");
        }
        for (ConfiguredAlarm alarm : settings.alarms()) {
            AlarmNames.check(names.name(clusterId, alarm.metric()), "clusterId");
        }
        return new AlarmCommand.Create(clusterId, runId);
    }

    private static AlarmCommand delete(AlarmLifecycleRequest request, AlarmNames names) {
        List<String> alarmNames = request.getAlarmNames();
        boolean byCluster = request.getClusterId() != null;
        if (byCluster && alarmNames != null) {
            throw new InvalidAlarmRequestException("delete takes clusterId or alarmNames, not both");
        }
        if (byCluster) {
            return new AlarmCommand.DeleteForCluster(clusterId(request.getClusterId(), names));
        }
        if (alarmNames == null) {
            throw new InvalidAlarmRequestException("delete needs clusterId (every alarm of the cluster) or alarmNames");
        }
        if (alarmNames.isEmpty()) {
            throw new InvalidAlarmRequestException("alarmNames must not be empty");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < alarmNames.size(); i++) {
            String name = alarmNames.get(i);
            String field = "alarmNames[" + i + "]";
            if (name == null || name.isEmpty()) {
                throw new InvalidAlarmRequestException(field + " is empty");
            }
            if (name.length() > AlarmNames.MAX_NAME_LENGTH) {
                throw new InvalidAlarmRequestException(field + " has " + name.length() + " characters; CloudWatch alarm names have at most "
                        + AlarmNames.MAX_NAME_LENGTH);
            }
            if (Text.hasControlCharacter(name)) {
                throw new InvalidAlarmRequestException(field + " contains a control character");
            }
            if (!name.startsWith(names.prefix())) {
                throw new InvalidAlarmRequestException(field + " '" + name + "' is not one of this pipeline's alarms: names start with '"
                        + names.prefix() + "'");
            }
            distinct.add(name);
        }
        return new AlarmCommand.DeleteNamed(new ArrayList<>(distinct));
    }

    private static AlarmCommand sweep(AlarmLifecycleRequest request) {
        if (request.getClusterId() != null || request.getAlarmNames() != null) {
            throw new InvalidAlarmRequestException("sweep takes no clusterId or alarmNames (use delete for one cluster)");
        }
        return new AlarmCommand.Sweep();
    }

    private static String clusterId(String clusterId, AlarmNames names) {
        if (clusterId == null || clusterId.isEmpty()) {
            throw new InvalidAlarmRequestException("clusterId is required");
        }
        if (!AlarmNames.CLUSTER_ID.matcher(clusterId).matches()) {
            throw new InvalidAlarmRequestException("clusterId must be an EMR cluster id: 'j-' followed by upper-case letters and digits, got '"
                    + clusterId + "'");
        }
        AlarmNames.check(names.clusterPrefix(clusterId), "clusterId");
        return clusterId;
    }
}
