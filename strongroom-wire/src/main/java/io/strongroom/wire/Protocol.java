package io.strongroom.wire;

/** The AWS wire protocols. */
public enum Protocol { AWS_JSON_1_0, AWS_JSON_1_1, REST_JSON_1, QUERY, REST_XML, EC2 }
