package io.strongroom.iampolicy;

/**
 * A statement that applied to a request, with the policy it belongs to and how that policy took part.
 *
 * @param level for SCPs and RCPs, the target id of the level the policy is attached at; else null
 */
public record StatementMatch(PolicyType type, AttachedPolicy policy, Statement statement, String level) {
}
