package io.strongroom.api.sts;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.identity.Credential;
import io.strongroom.engine.sts.CallerIdentity;
import io.strongroom.engine.sts.StsService;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

/** STS operations: SDK shapes to the engine's StsService and back. */
public final class StsApi {
    private StsApi() {
    }

    public static ServiceApi create(StsService sts) {
        return ServiceApi.builder("sts")
                .read("GetCallerIdentity", GetCallerIdentityRequest.class, "sts:GetCallerIdentity",
                        (ctx, q) -> AccessRequirement.unrestricted("sts:GetCallerIdentity"),
                        (ctx, q) -> {
                            CallerIdentity id = sts.getCallerIdentity(ctx.caller());
                            return GetCallerIdentityResponse.builder()
                                    .account(id.account()).arn(id.arn()).userId(id.userId()).build();
                        })
                .write("GetSessionToken", GetSessionTokenRequest.class, "sts:GetSessionToken",
                        (ctx, q) -> AccessRequirement.of("sts:GetSessionToken", "*"),
                        (ctx, q) -> {
                            Credential c = sts.getSessionToken(ctx.tx(), ctx.caller(), q.durationSeconds(),
                                    q.serialNumber(), q.tokenCode());
                            return GetSessionTokenResponse.builder().credentials(Credentials.builder()
                                    .accessKeyId(c.accessKeyId()).secretAccessKey(c.secretAccessKey())
                                    .sessionToken(c.sessionToken()).expiration(c.expiration()).build()).build();
                        })
                .note("GetSessionToken", "no MFA device exists yet, so a SerialNumber always fails as unknown")
                .build();
    }
}
