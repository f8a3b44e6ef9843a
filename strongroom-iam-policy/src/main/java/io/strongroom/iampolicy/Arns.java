package io.strongroom.iampolicy;

/** Segment-wise ARN glob (spec 1.4): six parts on the first five colons, wildcards never crossing a boundary. */
final class Arns {
    private Arns() {
    }

    static boolean isArn(String value) {
        return value != null && value.startsWith("arn:") && segmentStarts(value).length == 6;
    }

    /** Start offsets of up to six segments (the sixth keeps any further colons). */
    static int[] segmentStarts(String text) {
        int[] starts = new int[6];
        int count = 1;
        for (int i = 0; i < text.length() && count < 6; i++) {
            if (text.charAt(i) == ':') {
                starts[count++] = i + 1;
            }
        }
        return count == 6 ? starts : java.util.Arrays.copyOf(starts, count);
    }

    static boolean matches(Template.Resolved pattern, String value) {
        String p = pattern.text();
        int[] ps = segmentStarts(p);
        int[] vs = segmentStarts(value);
        if (ps.length != vs.length) {
            return false;
        }
        for (int i = 0; i < ps.length; i++) {
            int pEnd = i + 1 < ps.length ? ps[i + 1] - 1 : p.length();
            int vEnd = i + 1 < vs.length ? vs[i + 1] - 1 : value.length();
            if (!Glob.matches(p, pattern.literal(), ps[i], pEnd, value, vs[i], vEnd, false)) {
                return false;
            }
        }
        return true;
    }

    static String segment(String arn, int index) {
        int[] starts = segmentStarts(arn);
        if (index >= starts.length) {
            return "";
        }
        int end = index + 1 < starts.length ? starts[index + 1] - 1 : arn.length();
        return arn.substring(starts[index], end);
    }
}
