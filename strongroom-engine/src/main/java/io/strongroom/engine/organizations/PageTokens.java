package io.strongroom.engine.organizations;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque NextTokens: the last id of a page, bound to the listing it came from. */
final class PageTokens {
    static final int DEFAULT_PAGE = 20;

    private PageTokens() {
    }

    static String encode(String listing, String lastId) {
        return lastId == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + "|" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** The id to continue after; null for a first page. */
    static String decode(String listing, String token) {
        if (token == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0 || !text.substring(0, bar).equals(listing)) {
                throw OrganizationsErrors.invalidNextToken();
            }
            return text.substring(bar + 1);
        } catch (IllegalArgumentException e) {
            throw OrganizationsErrors.invalidNextToken();
        }
    }

    static int size(Integer maxResults) {
        if (maxResults == null) {
            return DEFAULT_PAGE;
        }
        if (maxResults < 1) {
            throw OrganizationsErrors.invalidInput("MIN_VALUE_EXCEEDED", "MaxResults must be at least 1.");
        }
        if (maxResults > 20) {
            throw OrganizationsErrors.invalidInput("MAX_VALUE_EXCEEDED", "MaxResults must be at most 20.");
        }
        return maxResults;
    }
}
