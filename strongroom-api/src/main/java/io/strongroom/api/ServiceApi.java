package io.strongroom.api;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The operations Strongroom serves for one AWS service, by operation name. */
public final class ServiceApi {
    private final String serviceName;
    private final Map<String, OperationSpec<?, ?>> operations;
    private final Map<String, String> notes;

    private ServiceApi(String serviceName, Map<String, OperationSpec<?, ?>> operations, Map<String, String> notes) {
        this.serviceName = serviceName;
        this.operations = Map.copyOf(operations);
        this.notes = Map.copyOf(notes);
    }

    /** A known difference from AWS in how this operation is served, for docs/coverage.md. */
    public Optional<String> note(String operation) {
        return Optional.ofNullable(notes.get(operation));
    }

    public static Builder builder(String serviceName) {
        return new Builder(serviceName);
    }

    /** Our short service name, as {@code io.strongroom.wire.Wire} knows it ("sts", "cloudtrail", ...). */
    public String serviceName() {
        return serviceName;
    }

    public Optional<OperationSpec<?, ?>> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Map<String, OperationSpec<?, ?>> operations() {
        return operations;
    }

    public static final class Builder {
        private final String serviceName;
        private final Map<String, OperationSpec<?, ?>> operations = new LinkedHashMap<>();
        private final Map<String, String> notes = new LinkedHashMap<>();
        private RequestCheck check;

        private Builder(String serviceName) {
            this.serviceName = serviceName;
        }

        /** Every operation declared after this makes {@code first} of its request before its handler runs. */
        public Builder checkingEachRequest(RequestCheck first) {
            this.check = first;
            return this;
        }

        /** An operation that changes nothing: read-only transaction, readOnly in CloudTrail. */
        public <Q extends SdkRequest, R extends SdkResponse> Builder read(
                String name, Class<Q> type, String iamAction, AccessDeclaration<Q> access,
                OperationHandler<Q, R> handler) {
            return add(new OperationSpec<>(name, type, iamAction, true, access, plain(handler)));
        }

        /**
         * A read that may create what it reads (KMS creates an AWS managed key when its alias is first used):
         * readOnly in CloudTrail, run in a write transaction.
         */
        public <Q extends SdkRequest, R extends SdkResponse> Builder readCreating(
                String name, Class<Q> type, String iamAction, AccessDeclaration<Q> access,
                OperationHandler<Q, R> handler) {
            return add(new OperationSpec<>(name, type, iamAction, true, access, plain(handler), true));
        }

        /** A read whose response carries a streaming payload (S3 GetObject). */
        public <Q extends SdkRequest, R extends SdkResponse> Builder readPayload(
                String name, Class<Q> type, String iamAction, AccessDeclaration<Q> access,
                PayloadHandler<Q, R> handler) {
            return add(new OperationSpec<>(name, type, iamAction, true, access, handler));
        }

        /** A write whose request carries a streaming payload (S3 PutObject, UploadPart). */
        public <Q extends SdkRequest, R extends SdkResponse> Builder writePayload(
                String name, Class<Q> type, String iamAction, AccessDeclaration<Q> access,
                PayloadHandler<Q, R> handler) {
            return add(new OperationSpec<>(name, type, iamAction, false, access, handler));
        }

        private static <Q, R extends SdkResponse> PayloadHandler<Q, R> plain(OperationHandler<Q, R> handler) {
            return (context, request, payload) -> Served.of(handler.handle(context, request));
        }

        public <Q extends SdkRequest, R extends SdkResponse> Builder write(
                String name, Class<Q> type, String iamAction, AccessDeclaration<Q> access,
                OperationHandler<Q, R> handler) {
            return add(new OperationSpec<>(name, type, iamAction, false, access, plain(handler)));
        }

        /**
         * Marks declared operations as CloudTrail data events (item- and object-level calls): not recorded in event
         * history, as on AWS.
         */
        public Builder dataEvents(String... names) {
            for (String name : names) {
                OperationSpec<?, ?> spec = operations.get(name);
                if (spec == null) {
                    throw new IllegalStateException(serviceName + " marks an operation it does not declare: " + name);
                }
                operations.put(name, spec.asDataEvent());
            }
            return this;
        }

        public Builder note(String operation, String difference) {
            notes.put(operation, difference);
            return this;
        }

        private Builder add(OperationSpec<?, ?> declared) {
            OperationSpec<?, ?> spec = check == null ? declared : declared.checkedFirst(check);
            if (operations.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalStateException(serviceName + " declares " + spec.name() + " twice");
            }
            return this;
        }

        public ServiceApi build() {
            notes.keySet().forEach(op -> {
                if (!operations.containsKey(op)) {
                    throw new IllegalStateException(serviceName + " notes an operation it does not declare: " + op);
                }
            });
            return new ServiceApi(serviceName, operations, notes);
        }
    }
}
