package io.strongroom.engine.backup;

import io.strongroom.engine.iam.IamRole;
import io.strongroom.storage.Tx;

/**
 * The service-linked role an AWS service acts as in an account, made the first time the service needs it, as AWS
 * makes it (wired to IAM in the server).
 */
@FunctionalInterface
public interface ServiceLinkedRoles {
    IamRole of(Tx tx, String accountId, String servicePrincipal);
}
