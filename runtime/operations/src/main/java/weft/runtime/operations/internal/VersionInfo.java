package weft.runtime.operations.internal;

import com.google.gson.JsonObject;

/**
 * What {@code GET /version} reports, as Fabric does: the peer's version and the commit it was built from (both
 * recorded in the operations bundle's manifest at build time).
 */
record VersionInfo(String version, String commitSha) {

    static final String DEVELOPMENT_BUILD = "development build";

    VersionInfo {
        version = version == null || version.isBlank() ? DEVELOPMENT_BUILD : version;
        commitSha = commitSha == null || commitSha.isBlank() ? DEVELOPMENT_BUILD : commitSha;
    }

    String json() {
        JsonObject body = new JsonObject();
        body.addProperty("Version", version);
        body.addProperty("CommitSHA", commitSha);
        return body.toString();
    }
}
