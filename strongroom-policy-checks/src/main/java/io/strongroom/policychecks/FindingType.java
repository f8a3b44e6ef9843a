package io.strongroom.policychecks;

/** How much a finding matters, in Access Analyzer's four grades. */
public enum FindingType {
    /** A part of the policy does not work (or IAM refuses the document). */
    ERROR,
    /** The policy grants more than it probably means to. */
    SECURITY_WARNING,
    /** Not a security issue, but against the policy-writing practices. */
    WARNING,
    /** A stylistic improvement that changes no access. */
    SUGGESTION
}
