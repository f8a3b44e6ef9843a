package io.strongroom.server;

import io.strongroom.engine.identity.Credential;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.kernel.CommonErrors;
import io.strongroom.kernel.ServiceException;
import io.strongroom.server.admin.AdminApi;
import io.strongroom.storage.Store;

import java.math.BigInteger;

/** The admin API's account operations, over the identity service. */
final class AdminAccountsImpl implements AdminApi.AdminAccounts {
    private final Store store;
    private final IdentityService identity;
    private final IdGenerator ids;

    AdminAccountsImpl(Store store, IdentityService identity, IdGenerator ids) {
        this.store = store;
        this.identity = identity;
        this.ids = ids;
    }

    @Override
    public String[] createAccount(String accountId, String name, String email) {
        if (accountId != null && !accountId.matches("\\d{12}")) {
            throw new ServiceException(CommonErrors.VALIDATION_EXCEPTION, "accountId must be 12 digits");
        }
        return store.write(tx -> {
            String id = accountId != null ? accountId : freshAccountId(tx);
            if (identity.account(tx, id).isPresent()) {
                throw new ServiceException(CommonErrors.VALIDATION_EXCEPTION, "account " + id + " already exists");
            }
            String finalId = id;
            identity.ensureAccount(tx, finalId, name == null ? "account-" + finalId : name,
                    email == null ? finalId + "@strongroom.local" : email);
            Credential key = identity.createRootAccessKey(tx, finalId);
            return new String[]{finalId, key.accessKeyId(), key.secretAccessKey()};
        });
    }

    private String freshAccountId(io.strongroom.storage.Tx tx) {
        while (true) {
            String id = Long.toString(100_000_000_000L
                    + new BigInteger(ids.hex(tx, 16), 16).mod(BigInteger.valueOf(900_000_000_000L)).longValue());
            if (identity.account(tx, id).isEmpty()) {
                return id;
            }
        }
    }

    @Override
    public String[] createRootAccessKey(String accountId) {
        return store.write(tx -> {
            if (identity.account(tx, accountId).isEmpty()) {
                return null;
            }
            Credential key = identity.createRootAccessKey(tx, accountId);
            return new String[]{accountId, key.accessKeyId(), key.secretAccessKey()};
        });
    }
}
