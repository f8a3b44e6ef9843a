package io.strongroom.wire.sdk;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.JsonValueTrait;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;

/** One member of a structure (or a list element / map value), read from the SDK's {@link SdkField}. */
public final class Member {
    private static final Map<MarshallingType<?>, Kind> KINDS = new IdentityHashMap<>();

    static {
        KINDS.put(MarshallingType.STRING, Kind.STRING);
        KINDS.put(MarshallingType.INTEGER, Kind.INTEGER);
        KINDS.put(MarshallingType.LONG, Kind.LONG);
        KINDS.put(MarshallingType.SHORT, Kind.SHORT);
        KINDS.put(MarshallingType.BYTE, Kind.BYTE);
        KINDS.put(MarshallingType.FLOAT, Kind.FLOAT);
        KINDS.put(MarshallingType.DOUBLE, Kind.DOUBLE);
        KINDS.put(MarshallingType.BIG_DECIMAL, Kind.BIG_DECIMAL);
        KINDS.put(MarshallingType.BOOLEAN, Kind.BOOLEAN);
        KINDS.put(MarshallingType.INSTANT, Kind.TIMESTAMP);
        KINDS.put(MarshallingType.SDK_BYTES, Kind.BLOB);
        KINDS.put(MarshallingType.SDK_POJO, Kind.STRUCTURE);
        KINDS.put(MarshallingType.LIST, Kind.LIST);
        KINDS.put(MarshallingType.MAP, Kind.MAP);
        KINDS.put(MarshallingType.DOCUMENT, Kind.DOCUMENT);
    }

    private final SdkField<?> field;
    private final Kind kind;
    private volatile Member element;
    private volatile Shape shape;

    Member(SdkField<?> field) {
        this.field = field;
        Kind k = KINDS.get(field.marshallingType());
        // NULL marshalling type only appears on SDK-internal placeholder fields; treat as string.
        this.kind = k == null ? Kind.STRING : k;
    }

    public String name() {
        return field.memberName();
    }

    public Kind kind() {
        return kind;
    }

    public Location location() {
        MarshallLocation l = field.location();
        return switch (l) {
            case PAYLOAD -> Location.BODY;
            case HEADER -> Location.HEADER;
            case QUERY_PARAM -> Location.QUERY;
            case PATH -> Location.PATH;
            case GREEDY_PATH -> Location.GREEDY_PATH;
            case STATUS_CODE -> Location.STATUS_CODE;
        };
    }

    /** The name the SDK writes in requests. */
    public String wireName() {
        return field.locationName() == null ? field.memberName() : field.locationName();
    }

    /** The name the SDK reads in responses (EC2's lowerCamel names differ from its request names). */
    public String readName() {
        return field.unmarshallLocationName() == null ? wireName() : field.unmarshallLocationName();
    }

    public Optional<TimeFormat> timeFormat() {
        TimestampFormatTrait t = field.getTrait(TimestampFormatTrait.class);
        if (t == null) {
            return Optional.empty();
        }
        return Optional.of(switch (t.format()) {
            case ISO_8601 -> TimeFormat.ISO_8601;
            case RFC_822 -> TimeFormat.RFC_822;
            case UNIX_TIMESTAMP -> TimeFormat.EPOCH_SECONDS;
            case UNIX_TIMESTAMP_MILLIS -> TimeFormat.EPOCH_MILLIS;
        });
    }

    public boolean flattened() {
        ListTrait l = field.getTrait(ListTrait.class);
        if (l != null) {
            return l.isFlattened();
        }
        MapTrait m = field.getTrait(MapTrait.class);
        return m != null && m.isFlattened();
    }

    public boolean payload() {
        return field.containsTrait(PayloadTrait.class);
    }

    public boolean xmlAttribute() {
        return field.containsTrait(XmlAttributeTrait.class);
    }

    public boolean required() {
        return field.containsTrait(software.amazon.awssdk.core.traits.RequiredTrait.class);
    }

    public boolean jsonValue() {
        return field.containsTrait(JsonValueTrait.class);
    }

    /** A list's element, or a map's value. */
    public Member element() {
        Member e = element;
        if (e == null) {
            ListTrait l = field.getTrait(ListTrait.class);
            MapTrait m = field.getTrait(MapTrait.class);
            SdkField<?> inner = l != null ? l.memberFieldInfo() : m != null ? m.valueFieldInfo() : null;
            if (inner == null) {
                throw new IllegalStateException(name() + " is not a collection");
            }
            e = new Member(inner);
            element = e;
        }
        return e;
    }

    /** The element name of a non-flattened list ("member", "item"...). */
    public String listItemName() {
        ListTrait l = field.getTrait(ListTrait.class);
        if (l != null && l.memberLocationName() != null) {
            return l.memberLocationName();
        }
        return element().readName();
    }

    public String mapKeyName() {
        MapTrait m = field.getTrait(MapTrait.class);
        return m == null || m.keyLocationName() == null ? "key" : m.keyLocationName();
    }

    public String mapValueName() {
        MapTrait m = field.getTrait(MapTrait.class);
        return m == null || m.valueLocationName() == null ? "value" : m.valueLocationName();
    }

    /** The structure shape of a STRUCTURE member. */
    public Shape shape() {
        Shape s = shape;
        if (s == null) {
            s = Shape.ofBuilder(field.constructor());
            shape = s;
        }
        return s;
    }

    /** The member's value on a built SDK object (null when absent; SDK auto-construct collections count as absent). */
    public Object get(Object pojo) {
        Object v = field.getValueOrDefault(pojo);
        return SdkValues.isAutoConstruct(v) ? null : v;
    }

    void set(Object builder, Object value) {
        field.set(builder, value);
    }

    @Override
    public String toString() {
        return name() + ":" + kind;
    }
}
