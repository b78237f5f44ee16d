package dev.vigil.common.http;

import dev.vigil.common.security.EntraTokenRules;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * 401 and 403 as problem+json with an RFC 6750 {@code WWW-Authenticate} challenge that says why,
 * from a fixed list of reasons: neither the body nor the header ever echoes the token or its
 * claims. Authentication is not proactive (see vigil-common's defaults), so failures reach these.
 */
public class AuthenticationProblems {

  @ServerExceptionMapper
  public Response invalidToken(AuthenticationFailedException failure, UriInfo uri) {
    String reason = reason(failure);
    return challenge(
        Response.Status.UNAUTHORIZED,
        "invalid-token",
        "The access token was refused: " + reason + ".",
        "Bearer error=\"invalid_token\", error_description=\"" + reason + "\"",
        uri);
  }

  @ServerExceptionMapper
  public Response missingToken(UnauthorizedException failure, UriInfo uri) {
    return challenge(
        Response.Status.UNAUTHORIZED,
        "authentication-required",
        "This API needs a Microsoft Entra ID access token (Authorization: Bearer).",
        "Bearer",
        uri);
  }

  @ServerExceptionMapper
  public Response missingRole(ForbiddenException failure, UriInfo uri) {
    return challenge(
        Response.Status.FORBIDDEN,
        "insufficient-role",
        "The token's app roles do not allow this operation.",
        "Bearer error=\"insufficient_scope\", error_description=\"a Vigil app role this"
            + " operation needs is missing\"",
        uri);
  }

  private static Response challenge(
      Response.Status status, String slug, String detail, String challenge, UriInfo uri) {
    Response response = Problem.of(status, slug, detail, uri.getPath()).toResponse();
    response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, challenge);
    return response;
  }

  /** Why a token failed, as one of a few fixed phrases. */
  static String reason(AuthenticationFailedException failure) {
    Object rule = failure.getAttribute(EntraTokenRules.REASON);
    if (rule != null) {
      return rule.toString();
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidJwtException jwt) {
        if (jwt.hasExpired()) {
          return "the token has expired";
        }
        if (jwt.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
          return "the token is not valid yet";
        }
        if (jwt.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
            || jwt.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
          return "the token was issued for another audience";
        }
        if (jwt.hasErrorCode(ErrorCodes.ISSUER_INVALID)
            || jwt.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
          return "the token was issued by another issuer or tenant";
        }
        return "the token's signature or form is invalid";
      }
    }
    return "the token could not be verified";
  }
}
