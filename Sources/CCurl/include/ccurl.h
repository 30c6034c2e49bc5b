#ifndef PROMPTMCP_CCURL_H
#define PROMPTMCP_CCURL_H

#include <stddef.h>

/* A GET over libcurl, loaded with dlopen on first use. Linking FoundationNetworking (or libcurl)
   would load libcurl and its dozens of dependencies into every promptmcp process, about 9 ms of
   start-up that the pre-commit hook cannot afford; only commands that use the network pay here. */

enum promptmcp_http_outcome {
    PROMPTMCP_HTTP_OK = 0,
    PROMPTMCP_HTTP_TIMED_OUT = 1,
    PROMPTMCP_HTTP_UNREACHABLE = 2,
    PROMPTMCP_HTTP_CONNECTION_LOST = 3,
    PROMPTMCP_HTTP_NO_LIBCURL = 4,
    /* The body went over max_body_bytes (or the headers over 1 MiB): the transfer was cut. */
    PROMPTMCP_HTTP_TOO_LARGE = 5,
};

typedef struct promptmcp_http_response {
    long status;
    char *body;
    size_t body_length;
    /* Raw header lines, CRLF separated, as the server sent them. */
    char *headers;
    size_t headers_length;
    char error[256];
} promptmcp_http_response;

/* Returns a promptmcp_http_outcome; on OK, `response` holds what must be released with
   promptmcp_http_free. `headers` are "Name: value" strings. A body longer than max_body_bytes
   is not kept: the transfer stops there and PROMPTMCP_HTTP_TOO_LARGE comes back. */
int promptmcp_http_get(const char *url, const char *const *headers, int header_count,
                       long timeout_milliseconds, size_t max_body_bytes, promptmcp_http_response *response);

void promptmcp_http_free(promptmcp_http_response *response);

#endif
