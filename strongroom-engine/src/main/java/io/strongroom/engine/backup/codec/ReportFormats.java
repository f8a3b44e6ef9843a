package io.strongroom.engine.backup.codec;

import io.strongroom.json.JsonCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Backup Audit Manager's report files (spec audit 1.8): JSON is {@code {"reportItems":[...]}}; CSV is one header row
 * of the keys in Title Case (ID, ARN and IAM upper-cased, "in" lower-cased) and one row per item.
 */
public final class ReportFormats {
    private static final Set<String> ACRONYMS = Set.of("id", "arn", "iam");

    private ReportFormats() {
    }

    public static byte[] json(List<Map<String, Object>> items) {
        try {
            return JsonCodec.MAPPER.writeValueAsBytes(Map.of("reportItems", items));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A map as a JSON object string (a control's parameters in CONTROL_COMPLIANCE_REPORT). */
    public static String jsonObject(Map<String, String> values) {
        return JsonCodec.MAPPER.valueToTree(values).toString();
    }

    /** CSV with the header of every key any item has, in first-seen order. */
    public static byte[] csv(List<Map<String, Object>> items) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        items.forEach(i -> keys.addAll(i.keySet()));
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", keys.stream().map(ReportFormats::header).map(ReportFormats::cell).toList()))
                .append("\r\n");
        for (Map<String, Object> item : items) {
            out.append(String.join(",", keys.stream().map(k -> cell(item.get(k) == null ? ""
                    : String.valueOf(item.get(k)))).toList())).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code backupSizeInBytes} → {@code Backup Size in Bytes}; {@code resourceArn} → {@code Resource ARN}. */
    public static String header(String key) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c) && word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
            word.append(c);
        }
        words.add(word.toString());
        return String.join(" ", words.stream().map(w -> ACRONYMS.contains(w.toLowerCase(Locale.ROOT))
                ? w.toUpperCase(Locale.ROOT) : "In".equals(w) ? "in"
                : Character.toUpperCase(w.charAt(0)) + w.substring(1)).toList());
    }

    private static String cell(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
