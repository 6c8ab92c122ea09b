"""The demo's ordinary BitTorrent peer: a python3-libtorrent leecher that never speaks bt_speed and never pays.

ordinary_peer.py TORRENT DIR PORT SEEDER SECONDS

Downloads the v1 TORRENT into DIR, listening on 127.0.0.1:PORT and handed the seeder's address SEEDER
(host:port) directly, since the demo runs no tracker. Every half second it prints one line

    PROGRESS <verified bytes> <total bytes> <state>

and once it has every piece COMPLETE <milliseconds since the start>, then exits 0. It gives up after SECONDS
(TIMEOUT, exit 1), and exits at once when its standard input closes: the demo holds that pipe open, so a demo
killed without running its shutdown hook does not leave this peer behind.
"""
import os
import sys
import threading
import time

import libtorrent as lt

TICK_SECONDS = 0.5


def session(port):
    # Loopback needs several connections per IP, no uTP and the outgoing interface on 127.0.0.1; the local
    # discovery and port-mapping services would only reach beyond the demo.
    s = lt.session({
        "listen_interfaces": "127.0.0.1:%d" % port,
        "outgoing_interfaces": "127.0.0.1",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_outgoing_utp": False,
        "enable_incoming_utp": False,
        "allow_multiple_connections_per_ip": True,
        "alert_mask": 0,
    })
    # Local peers are otherwise in a class of their own that rate caps ignore: every address in the global one.
    s.set_peer_class_filter(lt.ip_filter())
    return s


def exit_when_orphaned():
    sys.stdin.buffer.read()
    os._exit(3)


def main(torrent, directory, port, seeder, seconds):
    threading.Thread(target=exit_when_orphaned, daemon=True).start()
    host, seeder_port = seeder.rsplit(":", 1)
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(torrent)
    params.save_path = directory
    params.peers = [(host, int(seeder_port))]
    s = session(port)  # kept: a collected session invalidates its torrents' handles
    h = s.add_torrent(params)
    start = time.monotonic()
    deadline = start + seconds
    while time.monotonic() < deadline:
        st = h.status()
        print("PROGRESS %d %d %s" % (st.total_wanted_done, st.total_wanted, st.state.name), flush=True)
        if st.is_seeding:
            print("COMPLETE %d" % int((time.monotonic() - start) * 1000), flush=True)
            return 0
        # A dropped connection is dialled again; libtorrent ignores this while one is open.
        h.connect_peer((host, int(seeder_port)))
        time.sleep(TICK_SECONDS)
    print("TIMEOUT after %d s" % seconds, flush=True)
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 6:
        print("usage: ordinary_peer.py TORRENT DIR PORT SEEDER SECONDS", flush=True)
        sys.exit(2)
    code = main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
    # os._exit, not sys.exit: the orphan watch blocks reading stdin, and Python aborts (134) when it finalizes
    # under a daemon thread holding stdin's lock.
    sys.stdout.flush()
    os._exit(code)
