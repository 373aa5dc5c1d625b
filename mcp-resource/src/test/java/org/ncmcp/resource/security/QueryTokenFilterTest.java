package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTokenFilterTest {

    @Test
    void findsTheParameterHoweverItIsWritten() {
        assertThat(QueryTokenFilter.hasTokenParameter("access_token=x")).isTrue();
        assertThat(QueryTokenFilter.hasTokenParameter("a=1&access_token=x")).isTrue();
        assertThat(QueryTokenFilter.hasTokenParameter("access%5Ftoken=x")).isTrue();
        assertThat(QueryTokenFilter.hasTokenParameter("access_token")).isTrue();
    }

    @Test
    void ignoresOtherParameters() {
        assertThat(QueryTokenFilter.hasTokenParameter(null)).isFalse();
        assertThat(QueryTokenFilter.hasTokenParameter("my_access_token=x&token=y")).isFalse();
        assertThat(QueryTokenFilter.hasTokenParameter("%zz=1")).isFalse();
    }
}
