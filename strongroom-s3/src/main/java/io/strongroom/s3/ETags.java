package io.strongroom.s3;

/** Entity tags as S3 writes them ({@code "…"}) and as clients send them back, quoted or not. */
final class ETags {
    private ETags() {
    }

    /** The tag without its quotes; empty for none. */
    static String bare(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}
