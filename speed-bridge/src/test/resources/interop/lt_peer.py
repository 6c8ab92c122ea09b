"""A python3-libtorrent peer on loopback for the interop tests.

seed FILE TORRENT_OUT PORT      make a v1-only .torrent of FILE, write it, seed it on 127.0.0.1:PORT
serve TORRENT DIR PORT          seed an existing v1 .torrent whose content lies under DIR (no re-check)
leech TORRENT DIR PORT PEER [S] download TORRENT into DIR, dialling PEER (host:port); exit 0 when complete,
                                printing COMPLETE and the milliseconds from the first dial; give up after S s (90)

Prints READY once listening; runs until complete (leech) or killed (seed). Loopback needs: several connections
per IP, uTP off, outgoing interface 127.0.0.1, and no local-peer exemption from the global peer class.
"""
import os
import sys
import time

import libtorrent as lt


def session(port):
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
        "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
    })
    # Local peers are otherwise in a separate class; put every address in the global one.
    f = lt.ip_filter()
    s.set_peer_class_filter(f)
    return s


def seed(path, out, port):
    fs = lt.file_storage()
    lt.add_files(fs, path)
    t = lt.create_torrent(fs, 0, flags=lt.create_torrent.v1_only)
    lt.set_piece_hashes(t, os.path.dirname(os.path.abspath(path)))
    data = lt.bencode(t.generate())
    with open(out, "wb") as f:
        f.write(data)
    s = session(port)
    s.add_torrent({"ti": lt.torrent_info(out), "save_path": os.path.dirname(os.path.abspath(path)),
                   "flags": lt.torrent_flags.seed_mode})
    print("READY", flush=True)
    while True:
        time.sleep(1)


def serve(torrent, directory, port):
    s = session(port)
    s.add_torrent({"ti": lt.torrent_info(torrent), "save_path": directory, "flags": lt.torrent_flags.seed_mode})
    print("READY", flush=True)
    while True:
        time.sleep(1)


def leech(torrent, directory, port, peer, seconds=90):
    s = session(port)
    h = s.add_torrent({"ti": lt.torrent_info(torrent), "save_path": directory})
    host, peer_port = peer.rsplit(":", 1)
    print("READY", flush=True)
    start = time.monotonic()
    deadline = start + seconds
    while time.monotonic() < deadline:
        h.connect_peer((host, int(peer_port)))
        st = h.status()
        if st.is_seeding:
            print("COMPLETE %d" % int((time.monotonic() - start) * 1000), flush=True)
            return 0
        time.sleep(0.01)
    print("TIMEOUT progress=%.3f peers=%d" % (st.progress, st.num_peers), flush=True)
    return 1


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "seed":
        seed(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif mode == "serve":
        serve(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        limit = int(sys.argv[6]) if len(sys.argv) > 6 else 90
        sys.exit(leech(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], limit))
