#include "CCurlLoader.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The few libcurl constants we use (stable ABI values from curl/curl.h).
#define S_CURLOPT_WRITEDATA 10001
#define S_CURLOPT_URL 10002
#define S_CURLOPT_ERRORBUFFER 10010
#define S_CURLOPT_POSTFIELDS 10015
#define S_CURLOPT_HTTPHEADER 10023
#define S_CURLOPT_HEADERDATA 10029
#define S_CURLOPT_POST 47
#define S_CURLOPT_NOBODY 44
#define S_CURLOPT_HTTPGET 80
#define S_CURLOPT_CUSTOMREQUEST 10036
#define S_CURLOPT_NOSIGNAL 99
#define S_CURLOPT_TIMEOUT_MS 155
#define S_CURLOPT_CONNECTTIMEOUT_MS 156
#define S_CURLOPT_WRITEFUNCTION 20011
#define S_CURLOPT_HEADERFUNCTION 20079
#define S_CURLOPT_POSTFIELDSIZE_LARGE 30120
#define S_CURLINFO_RESPONSE_CODE 0x200002
#define S_CURL_GLOBAL_DEFAULT 3

struct curl_slist;

struct sluice_curl_library {
    void *dl;
    int (*global_init)(long);
    void *(*easy_init)(void);
    int (*easy_setopt)(void *, int, ...);
    int (*easy_perform)(void *);
    int (*easy_getinfo)(void *, int, ...);
    void (*easy_cleanup)(void *);
    const char *(*easy_strerror)(int);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    char *(*version)(void);
};

const sluice_curl_library *sluice_curl_open(const char *path, char *error, size_t error_length) {
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        const char *reason = dlerror();
        snprintf(error, error_length, "%s", reason ? reason : "dlopen failed");
        return NULL;
    }
    sluice_curl_library *library = calloc(1, sizeof *library);
    if (!library) {
        snprintf(error, error_length, "out of memory");
        return NULL;
    }
    library->dl = dl;
#define RESOLVE(field, name)                                                              \
    do {                                                                                  \
        *(void **)(&library->field) = dlsym(dl, name);                                    \
        if (!library->field) {                                                            \
            snprintf(error, error_length, "%s has no symbol %s", path, name);             \
            free(library);                                                                \
            return NULL;                                                                  \
        }                                                                                 \
    } while (0)
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_perform, "curl_easy_perform");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
    RESOLVE(version, "curl_version");
#undef RESOLVE
    int code = library->global_init(S_CURL_GLOBAL_DEFAULT);
    if (code != 0) {
        snprintf(error, error_length, "curl_global_init failed (%d)", code);
        free(library);
        return NULL;
    }
    return library;
}

const char *sluice_curl_version(const sluice_curl_library *library) { return library->version(); }

void *sluice_curl_handle_new(const sluice_curl_library *library) { return library->easy_init(); }

void sluice_curl_handle_free(const sluice_curl_library *library, void *handle) {
    if (handle) library->easy_cleanup(handle);
}

const char *sluice_curl_strerror(const sluice_curl_library *library, int code) {
    return library->easy_strerror(code);
}

static int grow(void **buffer, size_t *capacity, size_t needed) {
    if (needed <= *capacity) return 1;
    size_t next = *capacity ? *capacity : 1024;
    while (next < needed) next *= 2;
    void *larger = realloc(*buffer, next);
    if (!larger) return 0;
    *buffer = larger;
    *capacity = next;
    return 1;
}

static size_t on_body(char *data, size_t size, size_t count, void *context) {
    sluice_curl_response *response = context;
    size_t length = size * count;
    if (!grow((void **)&response->body, &response->body_capacity, response->body_length + length)) return 0;
    memcpy(response->body + response->body_length, data, length);
    response->body_length += length;
    return length;
}

static size_t on_header(char *data, size_t size, size_t count, void *context) {
    sluice_curl_response *response = context;
    size_t length = size * count;
    // A new status line (after "100 Continue" or a redirect) starts a new header block: keep the last.
    if (length >= 5 && memcmp(data, "HTTP/", 5) == 0) response->headers_length = 0;
    if (!grow((void **)&response->headers, &response->headers_capacity, response->headers_length + length + 1)) return 0;
    memcpy(response->headers + response->headers_length, data, length);
    response->headers_length += length;
    response->headers[response->headers_length] = 0;
    return length;
}

int sluice_curl_post(
    const sluice_curl_library *library, void *handle, const char *url,
    const char *const *headers, size_t header_count,
    const unsigned char *body, size_t body_length,
    long connect_timeout_ms, long timeout_ms, sluice_curl_response *response) {
    return sluice_curl_request(
        library, handle, "POST", url, headers, header_count, body, body_length, connect_timeout_ms, timeout_ms, response);
}

int sluice_curl_request(
    const sluice_curl_library *library, void *handle, const char *method, const char *url,
    const char *const *headers, size_t header_count,
    const unsigned char *body, size_t body_length,
    long connect_timeout_ms, long timeout_ms, sluice_curl_response *response) {
    struct curl_slist *list = NULL;
    for (size_t index = 0; index < header_count; index++) {
        struct curl_slist *next = library->slist_append(list, headers[index]);
        if (!next) {
            library->slist_free_all(list);
            snprintf(response->error, sizeof response->error, "out of memory");
            return response->curl_code = 27;  // CURLE_OUT_OF_MEMORY
        }
        list = next;
    }
    // No "Expect: 100-continue" round trip for larger bodies.
    struct curl_slist *next = library->slist_append(list, "Expect:");
    if (next) list = next;
    response->error[0] = 0;
    void *h = handle;
    int is_get = strcmp(method, "GET") == 0, is_head = strcmp(method, "HEAD") == 0;
    library->easy_setopt(h, S_CURLOPT_URL, url);
    if (is_get || is_head) {
        library->easy_setopt(h, S_CURLOPT_HTTPGET, 1L);
        if (is_head) library->easy_setopt(h, S_CURLOPT_NOBODY, 1L);
    } else {
        // A body (possibly empty: never NULL, or libcurl would read one from stdin).
        static const unsigned char empty[1] = {0};
        library->easy_setopt(h, S_CURLOPT_POST, 1L);
        library->easy_setopt(h, S_CURLOPT_POSTFIELDS, (const void *)(body ? body : empty));
        library->easy_setopt(h, S_CURLOPT_POSTFIELDSIZE_LARGE, (int64_t)body_length);
        if (strcmp(method, "POST") != 0) library->easy_setopt(h, S_CURLOPT_CUSTOMREQUEST, method);
    }
    library->easy_setopt(h, S_CURLOPT_HTTPHEADER, list);
    library->easy_setopt(h, S_CURLOPT_WRITEFUNCTION, on_body);
    library->easy_setopt(h, S_CURLOPT_WRITEDATA, (void *)response);
    library->easy_setopt(h, S_CURLOPT_HEADERFUNCTION, on_header);
    library->easy_setopt(h, S_CURLOPT_HEADERDATA, (void *)response);
    library->easy_setopt(h, S_CURLOPT_ERRORBUFFER, response->error);
    library->easy_setopt(h, S_CURLOPT_NOSIGNAL, 1L);
    library->easy_setopt(h, S_CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
    library->easy_setopt(h, S_CURLOPT_TIMEOUT_MS, timeout_ms);
    int code = library->easy_perform(h);
    long status = 0;
    if (code == 0) library->easy_getinfo(h, S_CURLINFO_RESPONSE_CODE, &status);
    response->status = status;
    response->curl_code = code;
    // The handle must not keep pointers to memory we free or hand back.
    library->easy_setopt(h, S_CURLOPT_HTTPHEADER, (void *)NULL);
    library->easy_setopt(h, S_CURLOPT_ERRORBUFFER, (void *)NULL);
    library->easy_setopt(h, S_CURLOPT_POSTFIELDS, (void *)NULL);
    library->easy_setopt(h, S_CURLOPT_CUSTOMREQUEST, (void *)NULL);
    library->easy_setopt(h, S_CURLOPT_NOBODY, 0L);
    library->slist_free_all(list);
    return code;
}

void sluice_curl_response_free(sluice_curl_response *response) {
    free(response->body);
    free(response->headers);
    response->body = NULL;
    response->headers = NULL;
    response->body_length = response->body_capacity = 0;
    response->headers_length = response->headers_capacity = 0;
}
