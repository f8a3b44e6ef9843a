package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.util.Map;
import java.util.Optional;

/**
 * The organization as Backup Audit Manager's org-wide reports see it: the accounts an account administers for AWS
 * Backup (as the management account, or as a delegated administrator of backup.amazonaws.com), each with its
 * organization path ({@code o-.../r-.../ou-.../}).
 */
@FunctionalInterface
public interface OrganizationView {
    OrganizationView NONE = (tx, account) -> Optional.empty();

    /** Every account of the organization with its path, when {@code account} administers AWS Backup for it. */
    Optional<Map<String, String>> administeredBy(Tx tx, String account);
}
