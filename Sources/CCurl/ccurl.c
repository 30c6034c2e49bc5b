#include "ccurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The few libcurl entry points and option numbers used, declared here so that no libcurl
   headers are needed to build (the numbers are part of libcurl's stable ABI). */
typedef void CURL;
struct curl_slist;
enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_USERAGENT = 10018, OPT_HTTPHEADER = 10023,
    OPT_HEADERDATA = 10029, OPT_FOLLOWLOCATION = 52, OPT_MAXREDIRS = 68, OPT_NOSIGNAL = 99,
    OPT_TIMEOUT_MS = 155, OPT_CONNECTTIMEOUT_MS = 156, OPT_WRITEFUNCTION = 20011, OPT_HEADERFUNCTION = 20079,
};
enum { INFO_RESPONSE_CODE = 0x200000 + 2 };
enum {
    E_COULDNT_RESOLVE_PROXY = 5, E_COULDNT_RESOLVE_HOST = 6, E_COULDNT_CONNECT = 7,
    E_OPERATION_TIMEDOUT = 28,
};

static struct {
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    int (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    const char *(*easy_strerror)(int);
    int loaded;
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *handle = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!handle) handle = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!handle) handle = dlopen("libcurl.4.dylib", RTLD_NOW | RTLD_LOCAL);
    if (!handle) return;
#define SYMBOL(field, name) *(void **)(&curl.field) = dlsym(handle, name); if (!curl.field) return;
    SYMBOL(global_init, "curl_global_init")
    SYMBOL(easy_init, "curl_easy_init")
    SYMBOL(easy_setopt, "curl_easy_setopt")
    SYMBOL(easy_perform, "curl_easy_perform")
    SYMBOL(easy_getinfo, "curl_easy_getinfo")
    SYMBOL(easy_cleanup, "curl_easy_cleanup")
    SYMBOL(slist_append, "curl_slist_append")
    SYMBOL(slist_free_all, "curl_slist_free_all")
    SYMBOL(easy_strerror, "curl_easy_strerror")
#undef SYMBOL
    /* CURL_GLOBAL_ALL; not thread-safe, hence pthread_once. */
    if (curl.global_init(3) == 0) curl.loaded = 1;
}

/* `limit` bounds what a server can make us hold: past it the write callback refuses the bytes,
   which ends the transfer (CURLE_WRITE_ERROR) and is reported as PROMPTMCP_HTTP_TOO_LARGE. */
typedef struct { char *data; size_t length; size_t limit; int over; } buffer;

static size_t append(char *bytes, size_t size, size_t count, void *target) {
    buffer *into = target;
    size_t extra = size * count;
    if (extra > into->limit - into->length) {
        into->over = 1;
        return 0;
    }
    char *grown = realloc(into->data, into->length + extra + 1);
    if (!grown) return 0;
    memcpy(grown + into->length, bytes, extra);
    into->data = grown;
    into->length += extra;
    into->data[into->length] = 0;
    return extra;
}

int promptmcp_http_get(const char *url, const char *const *headers, int header_count,
                       long timeout_milliseconds, size_t max_body_bytes, promptmcp_http_response *response) {
    memset(response, 0, sizeof *response);
    pthread_once(&load_once, load);
    if (!curl.loaded) {
        snprintf(response->error, sizeof response->error, "libcurl (libcurl.so.4) could not be loaded");
        return PROMPTMCP_HTTP_NO_LIBCURL;
    }
    CURL *easy = curl.easy_init();
    if (!easy) {
        snprintf(response->error, sizeof response->error, "libcurl could not start a request");
        return PROMPTMCP_HTTP_CONNECTION_LOST;
    }
    struct curl_slist *list = NULL;
    for (int i = 0; i < header_count; i++) list = curl.slist_append(list, headers[i]);
    /* Headers get their own, fixed bound: no real server sends 1 MiB of them. */
    buffer body = { .limit = max_body_bytes }, head = { .limit = 1 << 20 };
    curl.easy_setopt(easy, OPT_URL, url);
    curl.easy_setopt(easy, OPT_HTTPHEADER, list);
    curl.easy_setopt(easy, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(easy, OPT_TIMEOUT_MS, timeout_milliseconds);
    curl.easy_setopt(easy, OPT_CONNECTTIMEOUT_MS, timeout_milliseconds);
    curl.easy_setopt(easy, OPT_FOLLOWLOCATION, 1L);
    curl.easy_setopt(easy, OPT_MAXREDIRS, 5L);
    curl.easy_setopt(easy, OPT_WRITEFUNCTION, append);
    curl.easy_setopt(easy, OPT_WRITEDATA, &body);
    curl.easy_setopt(easy, OPT_HEADERFUNCTION, append);
    curl.easy_setopt(easy, OPT_HEADERDATA, &head);
    int code = curl.easy_perform(easy);
    long status = 0;
    curl.easy_getinfo(easy, INFO_RESPONSE_CODE, &status);
    curl.easy_cleanup(easy);
    curl.slist_free_all(list);
    if (code != 0) {
        free(body.data);
        free(head.data);
        if (body.over || head.over) {
            snprintf(response->error, sizeof response->error, "the response is over %zu bytes",
                     body.over ? max_body_bytes : (size_t)(1 << 20));
            return PROMPTMCP_HTTP_TOO_LARGE;
        }
        snprintf(response->error, sizeof response->error, "%s", curl.easy_strerror(code));
        if (code == E_OPERATION_TIMEDOUT) return PROMPTMCP_HTTP_TIMED_OUT;
        if (code == E_COULDNT_RESOLVE_HOST || code == E_COULDNT_RESOLVE_PROXY || code == E_COULDNT_CONNECT)
            return PROMPTMCP_HTTP_UNREACHABLE;
        return PROMPTMCP_HTTP_CONNECTION_LOST;
    }
    response->status = status;
    response->body = body.data;
    response->body_length = body.length;
    response->headers = head.data;
    response->headers_length = head.length;
    return PROMPTMCP_HTTP_OK;
}

void promptmcp_http_free(promptmcp_http_response *response) {
    free(response->body);
    free(response->headers);
    response->body = NULL;
    response->headers = NULL;
}
