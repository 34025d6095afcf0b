package emrpipeline.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Checks a request written in a state's Parameters against an AWS SDK v2 shape, walked through
 * {@link SdkPojo#sdkFields()}: unknown members, wrong shapes (object/list/scalar), scalar types and enum values. A member whose name ends in {@code .$} is filled at run time from a path or
 * an intrinsic function: its name is checked, its value only has to be a path or intrinsic.
 * (The SDK's EMR classes carry no RequiredTrait, so required members cannot be checked from them.)
 *
 * <p>One implementation for two uses: the statemachine module's tests check the requests written in the
 * definition (with their {@code .$} members), and the offline runner's EMR stand-in checks the requests an
 * execution actually sends (see {@link LocalEmr}).
 */
public final class SdkModelValidator {

    private SdkModelValidator() {
    }

    /** The problems of {@code request} as a {@code shape} (empty when it conforms), each naming the JSON path. */
    public static List<String> validate(JsonNode request, Supplier<? extends SdkPojo> shape) {
        List<String> problems = new ArrayList<>();
        validateStructure(request, shape.get(), "$", problems);
        return problems;
    }

    private static void validateStructure(JsonNode value, SdkPojo shape, String where, List<String> problems) {
        if (!value.isObject()) {
            problems.add(where + ": expected an object (" + simpleName(shape) + "), found " + value.getNodeType());
            return;
        }
        Map<String, SdkField<?>> fields = shape.sdkFields().stream()
                .collect(Collectors.toMap(SdkField::locationName, field -> field));
        Iterator<Map.Entry<String, JsonNode>> members = value.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            boolean dynamic = member.getKey().endsWith(".$");
            String name = dynamic ? member.getKey().substring(0, member.getKey().length() - 2) : member.getKey();
            SdkField<?> field = fields.get(name);
            String at = where + "." + name;
            if (field == null) {
                problems.add(at + ": " + simpleName(shape) + " has no member " + name + " (members: " + fields.keySet() + ")");
            } else if (dynamic) {
                String expression = member.getValue().asText("");
                if (!member.getValue().isTextual() || !(expression.startsWith("$") || expression.startsWith("States."))) {
                    problems.add(at + ".$: must be a path or an intrinsic function, found " + member.getValue());
                }
            } else {
                validateValue(member.getValue(), field, shape, at, problems);
            }
        }
    }

    private static void validateValue(JsonNode value, SdkField<?> field, SdkPojo owner, String at, List<String> problems) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            validateStructure(value, field.constructor().get(), at, problems);
        } else if (type == MarshallingType.LIST) {
            if (!value.isArray()) {
                problems.add(at + ": expected a list, found " + value.getNodeType());
                return;
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            for (int i = 0; i < value.size(); i++) {
                validateValue(value.get(i), member, owner, at + "[" + i + "]", problems);
            }
        } else if (type == MarshallingType.MAP) {
            if (!value.isObject()) {
                problems.add(at + ": expected a map, found " + value.getNodeType());
                return;
            }
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            value.fields().forEachRemaining(entry -> validateValue(entry.getValue(), member, owner, at + "." + entry.getKey(), problems));
        } else if (type == MarshallingType.STRING) {
            if (!value.isTextual()) {
                problems.add(at + ": expected a string, found " + value.getNodeType());
                return;
            }
            enumValues(owner, field).ifPresent(allowed -> {
                if (!allowed.contains(value.asText())) {
                    problems.add(at + ": '" + value.asText() + "' is not one of " + allowed);
                }
            });
        } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
            if (!value.isIntegralNumber()) {
                problems.add(at + ": expected an integer, found " + value);
            }
        } else if (type == MarshallingType.BOOLEAN) {
            if (!value.isBoolean()) {
                problems.add(at + ": expected a boolean, found " + value);
            }
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT || type == MarshallingType.BIG_DECIMAL) {
            if (!value.isNumber()) {
                problems.add(at + ": expected a number, found " + value);
            }
        }
    }

    /** The wire values of the enum a string member takes, found on the builder's typed setter. */
    private static Optional<List<String>> enumValues(SdkPojo owner, SdkField<?> field) {
        if (field.memberName() == null) {
            return Optional.empty(); // a list element: its enum, if any, is not visible on a setter
        }
        String setter = Character.toLowerCase(field.memberName().charAt(0)) + field.memberName().substring(1);
        for (Method method : owner.getClass().getMethods()) {
            if (method.getName().equals(setter) && method.getParameterCount() == 1 && method.getParameterTypes()[0].isEnum()) {
                return Optional.of(Arrays.stream(method.getParameterTypes()[0].getEnumConstants())
                        .map(Object::toString)
                        .filter(wire -> !wire.equals("null"))
                        .toList());
            }
        }
        return Optional.empty();
    }

    private static String simpleName(SdkPojo shape) {
        String name = shape.getClass().getName();
        name = name.substring(name.lastIndexOf('.') + 1);
        return name.replace("$BuilderImpl", "").replace("$Builder", "");
    }
}
