#ifndef SLUICE_CCURLLOADER_H
#define SLUICE_CCURLLOADER_H

#include <stddef.h>
#include <stdint.h>

/// libcurl, opened at run time with dlopen (never linked at load time: loading Debian's libcurl and
/// its dependencies costs about 7 ms per process start, twice a Lambda bootstrap's whole cold start).
/// Only the handful of entry points the AWS clients (DynamoDB, S3) need are resolved.
typedef struct sluice_curl_library sluice_curl_library;

/// A response: body and header bytes (malloc'ed, freed by `sluice_curl_response_free`), the HTTP
/// status, libcurl's result code (0 = OK) and its error text.
typedef struct {
    unsigned char *body;
    size_t body_length;
    size_t body_capacity;
    char *headers;
    size_t headers_length;
    size_t headers_capacity;
    long status;
    int curl_code;
    char error[256];
} sluice_curl_response;

/// Opens `path` (e.g. "libcurl.so.4") and resolves the entry points; calls curl_global_init once.
/// Returns NULL and writes a reason into `error` when the library or a symbol is missing.
/// Each successful call returns a new table; callers cache it.
const sluice_curl_library *sluice_curl_open(const char *path, char *error, size_t error_length);

/// The version string of the opened libcurl (curl_version()).
const char *sluice_curl_version(const sluice_curl_library *library);

/// A new easy handle (keeps its connections alive between requests), or NULL.
void *sluice_curl_handle_new(const sluice_curl_library *library);
void sluice_curl_handle_free(const sluice_curl_library *library, void *handle);

/// POSTs `body` to `url` with the given header lines ("Name: value") on `handle`; fills `response`.
/// Returns libcurl's result code (0 on success, whatever the HTTP status).
int sluice_curl_post(
    const sluice_curl_library *library, void *handle, const char *url,
    const char *const *headers, size_t header_count,
    const unsigned char *body, size_t body_length,
    long connect_timeout_ms, long timeout_ms, sluice_curl_response *response);

/// Sends `method` ("GET", "HEAD", "PUT", "POST", "DELETE", …) to `url` with the given header lines and
/// `body` (sent for every method but GET and HEAD; may be empty); fills `response`. HEAD reads no body.
/// Returns libcurl's result code (0 on success, whatever the HTTP status).
int sluice_curl_request(
    const sluice_curl_library *library, void *handle, const char *method, const char *url,
    const char *const *headers, size_t header_count,
    const unsigned char *body, size_t body_length,
    long connect_timeout_ms, long timeout_ms, sluice_curl_response *response);

/// The text of a libcurl result code.
const char *sluice_curl_strerror(const sluice_curl_library *library, int code);

void sluice_curl_response_free(sluice_curl_response *response);

#endif
