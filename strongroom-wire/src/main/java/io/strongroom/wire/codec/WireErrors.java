package io.strongroom.wire.codec;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/** Errors the wire layer raises itself, with the codes each protocol uses for them. */
public final class WireErrors {
    private WireErrors() {
    }

    public static ServiceException serialization(String message) {
        return new ServiceException(ErrorCode.of("SerializationException"), message);
    }

    public static ServiceException unknownOperation(String message) {
        return new ServiceException(ErrorCode.of("UnknownOperationException"), message);
    }

    public static ServiceException invalidAction(String action, String version) {
        return new ServiceException(ErrorCode.of("InvalidAction"),
                "Could not find operation " + action + " for version " + version);
    }

    public static ServiceException malformedQuery(String message) {
        return new ServiceException(ErrorCode.of("MalformedQueryString"), message);
    }

    public static ServiceException invalidParameterValue(String message) {
        return new ServiceException(ErrorCode.of("InvalidParameterValue"), message);
    }

    public static ServiceException malformedXml() {
        return new ServiceException(ErrorCode.of("MalformedXML"),
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    public static ServiceException methodNotAllowed(String method) {
        return new ServiceException(ErrorCode.of("MethodNotAllowed"),
                "The specified method is not allowed against this resource.", java.util.Map.of("Method", method));
    }

    public static ServiceException notImplemented() {
        return new ServiceException(ErrorCode.of("NotImplemented"),
                "A header you provided implies functionality that is not implemented");
    }

    public static ServiceException internalFailure() {
        return new ServiceException(ErrorCode.serverFault("InternalFailure"),
                "The request processing has failed because of an unknown error, exception or failure.");
    }
}
