//! Who may read the preview: the `Host` and `Origin` checks, and the
//! warning for a server open beyond this machine.
//!
//! A web page elsewhere can point its own host name at 127.0.0.1 (DNS
//! rebinding) and then read the preview, drafts included, as if it were
//! its own site. Its requests name that host in `Host`, so only requests
//! naming this server are answered: `localhost`, a loopback address, or
//! the address the server is bound to (any IP address when bound to all
//! of them), each with the server's port. An IP address cannot be rebound,
//! so only names other than `localhost` are turned away. The event stream
//! also checks `Origin`, which a browser sends for cross-site requests.

use crate::messages::{Key, Lang, Msg};
use crate::msg;
use std::net::{IpAddr, SocketAddr};

use super::wire::{Reply, Request};

/// The checks for one listening address.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    bound: IpAddr,
    port: u16,
}

/// Splits `host[:port]` or `[v6][:port]`; `None` when malformed.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        match after {
            "" => (v6, None),
            p => (v6, Some(p.strip_prefix(':')?)),
        }
    } else {
        match host.rsplit_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (host, None),
        }
    };
    let port = match port {
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    Some((name, port))
}

impl Guard {
    /// The checks for a server listening on `addr`.
    pub fn new(addr: SocketAddr) -> Guard {
        Guard {
            bound: addr.ip(),
            port: addr.port(),
        }
    }

    /// Whether a `Host` header value names this server.
    pub fn host_ok(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host.trim()) else {
            return false;
        };
        if port.unwrap_or(80) != self.port {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.bound || self.bound.is_unspecified(),
            Err(_) => false,
        }
    }

    /// Whether an `Origin` header value is a page of this server.
    pub fn origin_ok(&self, origin: &str) -> bool {
        origin
            .trim()
            .strip_prefix("http://")
            .is_some_and(|h| !h.contains(['/', '@']) && self.host_ok(h))
    }

    /// `None` when `req` may be answered; else the answer that refuses it,
    /// in `lang`. `events` for the event stream, which also checks `Origin`.
    pub fn refuse(&self, req: &Request, events: bool, lang: Lang) -> Option<Reply> {
        let hosts = req.count("Host");
        if hosts > 1 || (hosts == 0 && req.minor >= 1) {
            return Some(Reply::text(
                400,
                &format!("{}\n", msg!(HttpOneHost).text(lang)),
            ));
        }
        let host_bad = req.header("Host").is_some_and(|h| !self.host_ok(h));
        let origin_bad = events && req.header("Origin").is_some_and(|o| !self.origin_ok(o));
        (host_bad || origin_bad)
            .then(|| Reply::text(403, &format!("{}\n", msg!(ServeForbidden).text(lang))))
    }
}

/// The warning for a server that listens beyond this machine; `None` on
/// loopback.
pub fn lan_warning(addr: SocketAddr) -> Option<Msg> {
    if addr.ip().is_loopback() {
        return None;
    }
    let reach = if addr.ip().is_unspecified() {
        msg!(ServeLanAll, addr)
    } else {
        msg!(Text, addr)
    };
    Some(Msg::new(Key::ServeLan).arg_msg(reach))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(addr: &str) -> Guard {
        Guard::new(addr.parse().unwrap())
    }

    #[test]
    fn hosts_naming_this_server_pass() {
        let g = guard("127.0.0.1:1111");
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
            "127.0.0.2:1111",
        ] {
            assert!(g.host_ok(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "evil.example",
            "localhost.evil.example:1111",
            "127.0.0.1.nip.example:1111",
            "127.0.0.1:1111@evil.example",
            "localhost:2222",
            "localhost",
            "192.168.1.5:1111",
            "[::1]x:1111",
            "[::1:1111",
            "localhost:",
            "localhost:99999",
            "",
        ] {
            assert!(!g.host_ok(bad), "{bad}");
        }
        assert!(guard("127.0.0.1:80").host_ok("localhost"));
    }

    #[test]
    fn a_server_open_to_the_network_answers_to_ip_addresses() {
        let all = guard("0.0.0.0:1111");
        assert!(all.host_ok("192.168.1.5:1111") && all.host_ok("localhost:1111"));
        assert!(!all.host_ok("evil.example:1111"));
        let one = guard("192.168.1.5:1111");
        assert!(one.host_ok("192.168.1.5:1111") && !one.host_ok("192.168.1.6:1111"));
    }

    #[test]
    fn origins_are_pages_of_this_server() {
        let g = guard("127.0.0.1:1111");
        assert!(g.origin_ok("http://localhost:1111"));
        assert!(g.origin_ok("http://127.0.0.1:1111"));
        for bad in [
            "null",
            "http://evil.example:1111",
            "https://localhost:1111",
            "http://localhost:1111/x",
            "http://a@localhost:1111",
        ] {
            assert!(!g.origin_ok(bad), "{bad}");
        }
    }

    #[test]
    fn serving_beyond_this_machine_warns_in_chinese() {
        assert_eq!(lan_warning("127.0.0.1:1111".parse().unwrap()), None);
        assert_eq!(lan_warning("[::1]:1111".parse().unwrap()), None);
        let w = lan_warning("0.0.0.0:1111".parse().unwrap()).unwrap().zh();
        assert!(w.starts_with("注意：预览服务器对局域网开放"), "{w}");
        assert!(w.contains("0.0.0.0:1111") && w.contains("草稿"), "{w}");
        let w = lan_warning("192.168.1.5:8080".parse().unwrap())
            .unwrap()
            .en();
        assert!(w.contains("192.168.1.5:8080"), "{w}");
    }
}
