package annotin

import (
	"net"
	"net/url"
	"path"
	"slices"
	"strings"
)

// trackingParams are query parameters that say how a reader arrived, not
// which page it is: removed by NormalizeURL. Names ending in "_" are
// prefixes. "amp" is the AMP switch (?amp=1); "outputtype" is removed only
// when it asks for AMP.
var trackingParams = []string{
	"utm_", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
	"mc_cid", "mc_eid", "mkt_tok", "igshid", "igsh", "_ga", "_gl", "_hsenc", "_hsmi", "hsctatracking",
	"oly_enc_id", "oly_anon_id", "vero_id", "rb_clickid", "s_cid", "ocid", "cmpid", "smid", "smtyp",
	"ref_src", "ref_url", "at_medium", "at_campaign", "ns_mchannel", "ns_source", "ns_campaign",
	"ns_linkname", "ns_fee", "wt.mc_id", "wt_mc", "__twitter_impression", "guccounter",
	"guce_referrer", "guce_referrer_sig", "amp", "amp_js_v", "usqp", "outputtype",
}

// isTracking reports whether a query parameter is tracking noise or an
// AMP switch.
func isTracking(name, value string) bool {
	n := strings.ToLower(name)
	for _, t := range trackingParams {
		if strings.HasSuffix(t, "_") && strings.HasPrefix(n, t) || n == t {
			return n != "outputtype" || strings.EqualFold(value, "amp")
		}
	}
	return false
}

// NormalizeURL returns a key under which the same article's URLs compare
// equal: https for http, host lower-case without "www.", "amp." or a
// default port, no fragment, no trailing slash, no tracking parameters
// (utm_*, fbclid, gclid, mc_cid, …) and no AMP variant ("/amp/" path
// segment, a trailing "/amp", ".amp.html", "?amp=1", "?outputType=amp");
// the remaining query parameters sorted. Anything that is not an http(s)
// URL (a urn:, an empty string) comes back trimmed but otherwise as given.
// It is meant for matching, not for display.
func NormalizeURL(raw string) string {
	s := strings.TrimSpace(raw)
	if len(s) > 8<<10 {
		return s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return s
	}
	u.Scheme = "https"
	u.User = nil
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	host = strings.TrimSuffix(host, ".")
	for _, p := range []string{"www.", "amp."} {
		if strings.HasPrefix(host, p) && strings.Count(host, ".") > 1 {
			host = strings.TrimPrefix(host, p)
		}
	}
	if port != "" && port != "80" && port != "443" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	u.Path, u.RawPath = normalPath(u.Path), ""
	q := u.Query()
	for k, vs := range q {
		if v := append(vs, "")[0]; isTracking(k, v) {
			delete(q, k)
		}
	}
	u.RawQuery = encodeSorted(q)
	u.ForceQuery = false
	return u.String()
}

// normalPath drops AMP variants, dot segments and the trailing slash.
func normalPath(p string) string {
	for {
		before := p
		segs := strings.Split(p, "/")
		out := segs[:0]
		for _, s := range segs {
			if !strings.EqualFold(s, "amp") {
				out = append(out, s)
			}
		}
		p = strings.Join(out, "/")
		lower := strings.ToLower(p)
		if strings.HasSuffix(lower, ".amp.html") {
			p = p[:len(p)-len(".amp.html")] + ".html"
		} else if strings.HasSuffix(lower, ".amp") {
			p = p[:len(p)-len(".amp")]
		}
		if p != "" {
			p = strings.TrimSuffix(path.Clean("/"+p), "/")
		}
		if p == before {
			return p
		}
	}
}

// encodeSorted encodes a query with its keys (and each key's values)
// sorted.
func encodeSorted(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := slices.Clone(q[k])
		slices.Sort(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			if v != "" {
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
	}
	return b.String()
}
