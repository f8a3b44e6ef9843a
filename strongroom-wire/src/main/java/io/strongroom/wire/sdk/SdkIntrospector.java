package io.strongroom.wire.sdk;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.protocols.core.OperationInfo;

/**
 * Reads a service's operations out of the generated SDK classes: the synchronous client interface lists
 * the operations, and each {@code transform.*RequestMarshaller} holds the operation's HTTP binding.
 */
public final class SdkIntrospector {
    /** REST operations carry no identifier to recover AWS's spelling from; these are the ones the SDK changes. */
    private static final Map<String, String> REST_SPELLINGS = Map.of("GetBackupPlanFromJson", "GetBackupPlanFromJSON");

    private SdkIntrospector() {
    }

    /**
     * @param sdkPackage e.g. {@code software.amazon.awssdk.services.sts}
     * @param clientName e.g. {@code StsClient}
     */
    public static List<OperationBinding> operations(String sdkPackage, String clientName) {
        ClassLoader loader = SdkIntrospector.class.getClassLoader();
        Class<?> client;
        try {
            client = Class.forName(sdkPackage + "." + clientName, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("SDK module for " + sdkPackage + " is not on the class path", e);
        }
        Map<String, OperationBinding> ops = new LinkedHashMap<>();
        for (Method m : client.getMethods()) {
            if (m.getParameterCount() == 0 || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Class<?> p = m.getParameterTypes()[0];
            if (!SdkRequest.class.isAssignableFrom(p) || !p.getPackageName().equals(sdkPackage + ".model")) {
                continue;
            }
            String op = p.getSimpleName().replaceFirst("Request$", "");
            if (!ops.containsKey(op)) {
                binding(sdkPackage, op, p, loader).ifPresent(b -> ops.put(op, b));
            }
        }
        List<OperationBinding> list = new ArrayList<>(ops.values());
        list.sort(Comparator.comparing(OperationBinding::name));
        return list;
    }

    /**
     * The operation's name as AWS spells it (EnableAWSServiceAccess, ListMFADevices), which the SDK's
     * class names normalise away (EnableAwsServiceAccess): the last segment of the operation identifier.
     */
    static String awsName(String classDerived, String operationIdentifier) {
        if (operationIdentifier == null || operationIdentifier.isEmpty()) {
            return REST_SPELLINGS.getOrDefault(classDerived, classDerived);
        }
        String last = operationIdentifier.substring(operationIdentifier.lastIndexOf('.') + 1);
        return last.equalsIgnoreCase(classDerived) ? last : classDerived;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<OperationBinding> binding(String pkg, String op, Class<?> requestType,
                                                                ClassLoader loader) {
        try {
            Class<?> marshaller = Class.forName(pkg + ".transform." + op + "RequestMarshaller", true, loader);
            Field f = marshaller.getDeclaredField("SDK_OPERATION_BINDING");
            f.setAccessible(true);
            OperationInfo info = (OperationInfo) f.get(null);
            Class<?> responseType = Class.forName(pkg + ".model." + op + "Response", false, loader);
            return java.util.Optional.of(new OperationBinding(awsName(op, info.operationIdentifier()),
                    info.httpMethod().name(), info.requestUri(),
                    info.operationIdentifier(), info.apiVersion(), info.hasPayloadMembers(),
                    info.hasExplicitPayloadMember(), info.hasStreamingInput(),
                    (Class<? extends SdkRequest>) requestType, (Class<? extends SdkResponse>) responseType));
        } catch (ClassNotFoundException | NoSuchFieldException e) {
            // Event-stream and presign-only operations have no plain marshaller: not served.
            return java.util.Optional.empty();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read binding of " + op, e);
        }
    }
}
