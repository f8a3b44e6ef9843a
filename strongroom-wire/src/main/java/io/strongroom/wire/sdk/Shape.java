package io.strongroom.wire.sdk;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A structure as the SDK generated it: its members (from {@code sdkFields()}) and a way to build an instance.
 * Codecs walk shapes and never see {@link SdkField} themselves.
 */
public final class Shape {
    private static final Map<Class<?>, Shape> BY_CLASS = new ConcurrentHashMap<>();

    private final String name;
    private final Supplier<? extends SdkPojo> builders;
    private final List<Member> members;
    private final Map<String, Member> byName = new LinkedHashMap<>();

    private Shape(String name, Supplier<? extends SdkPojo> builders, List<SdkField<?>> fields) {
        this.name = name;
        this.builders = builders;
        List<Member> list = new ArrayList<>();
        for (SdkField<?> f : fields) {
            Member m = new Member(f);
            list.add(m);
            byName.put(m.name(), m);
        }
        this.members = List.copyOf(list);
    }

    /** The shape of a generated model class (request, response or nested structure). */
    public static Shape of(Class<?> modelClass) {
        return BY_CLASS.computeIfAbsent(modelClass, c -> {
            try {
                Method builder = c.getMethod("builder");
                Supplier<SdkPojo> supplier = () -> {
                    try {
                        return (SdkPojo) builder.invoke(null);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot build " + c.getName(), e);
                    }
                };
                return new Shape(c.getSimpleName(), supplier, supplier.get().sdkFields());
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(c.getName() + " is not an SDK model class", e);
            }
        });
    }

    /** The shape of an already built model object. */
    public static Shape ofValue(Object pojo) {
        return of(pojo.getClass());
    }

    static Shape ofBuilder(Supplier<? extends SdkPojo> constructor) {
        SdkPojo sample = constructor.get();
        Class<?> key = sample.getClass();
        return BY_CLASS.computeIfAbsent(key, c -> {
            String simple = c.getSimpleName();
            // Builders are named FooImpl / BuilderImpl inside Foo; the outer name is the shape's name.
            Class<?> outer = c.getEnclosingClass();
            return new Shape(outer != null ? outer.getSimpleName() : simple, constructor, sample.sdkFields());
        });
    }

    public String name() {
        return name;
    }

    public List<Member> members() {
        return members;
    }

    public Optional<Member> member(String memberName) {
        return Optional.ofNullable(byName.get(memberName));
    }

    /** The member marked as the HTTP payload, if any. */
    public Optional<Member> payloadMember() {
        return members.stream().filter(Member::payload).findFirst();
    }

    public Builder newBuilder() {
        return new Builder(builders.get());
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects member values, then builds the SDK object. */
    public static final class Builder {
        private final SdkPojo target;

        private Builder(SdkPojo target) {
            this.target = target;
        }

        public Builder set(Member member, Object value) {
            member.set(target, value);
            return this;
        }

        public Object build() {
            return ((SdkBuilder<?, ?>) target).build();
        }
    }
}
