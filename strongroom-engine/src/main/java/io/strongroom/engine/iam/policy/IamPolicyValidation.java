package io.strongroom.engine.iam.policy;

import io.strongroom.engine.iam.IamErrors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * The one place IAM checks a policy document before storing it. Until the policy-language module
 * serves IAM, this checks that the document is a JSON object with a Statement, as AWS's first
 * validation step does ("Syntax errors in policy.").
 */
public final class IamPolicyValidation {
    public enum Kind { IDENTITY, TRUST, PERMISSIONS_BOUNDARY }

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private IamPolicyValidation() {
    }

    public static void validate(String document, Kind kind) {
        JsonNode root;
        try {
            root = STRICT.readTree(document);
        } catch (IOException e) {
            throw IamErrors.malformedPolicy("Syntax errors in policy.");
        }
        if (root == null || !root.isObject() || !root.has("Statement")
                || !(root.get("Statement").isObject() || root.get("Statement").isArray())) {
            throw IamErrors.malformedPolicy("Syntax errors in policy.");
        }
    }

    /** Managed policies (CreatePolicy, CreatePolicyVersion) must say Version 2012-10-17 (spec 1.1). */
    public static void validateManaged(String document) {
        validate(document, Kind.IDENTITY);
        try {
            JsonNode version = STRICT.readTree(document).get("Version");
            if (version == null || !"2012-10-17".equals(version.asText())) {
                throw IamErrors.malformedPolicy("Policy document must be version 2012-10-17 or greater.");
            }
        } catch (IOException e) {
            throw IamErrors.malformedPolicy("Syntax errors in policy.");
        }
    }
}
