"""A python3-libtorrent peer on loopback for the interop tests.

seed FILE TORRENT_OUT PORT      make a v1-only .torrent of FILE, write it, seed it on 127.0.0.1:PORT
serve TORRENT DIR PORT          seed an existing v1 .torrent whose content lies under DIR (no re-check)
leech TORRENT DIR PORT PEER [S] download TORRENT into DIR, dialling PEER (host:port); exit 0 when complete,
                                printing COMPLETE and the milliseconds from the first dial; give up after S s (90)
--encryption POLICY             before the mode, any mode: "forced" (MSE with RC4 only, both ways), "forced-plaintext"
                                (MSE whose stream stays plaintext, both ways) or "disabled" (plain handshakes only,
                                MSE refused both ways); without it libtorrent's default: MSE tried first, either kind
                                accepted. A leecher prints ENCRYPTED rc4|plaintext once it has an MSE peer.

Prints READY once listening; runs until complete (leech) or killed (seed). Loopback needs: several connections
per IP, uTP off, outgoing interface 127.0.0.1, and no local-peer exemption from the global peer class.
"""
import os
import sys
import time

import libtorrent as lt


# settings_pack values: in_enc_policy/out_enc_policy pe_forced 0, pe_disabled 2; allowed_enc_level pe_plaintext 1,
# pe_rc4 2. "forced" leaves a peer only an encrypted connection, "disabled" only a plain one.
ENCRYPTION = {
    None: {},
    "forced": {"in_enc_policy": 0, "out_enc_policy": 0, "allowed_enc_level": 2},
    "forced-plaintext": {"in_enc_policy": 0, "out_enc_policy": 0, "allowed_enc_level": 1},
    "disabled": {"in_enc_policy": 2, "out_enc_policy": 2},
}


def session(port, encryption=None):
    settings = {
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
    }
    settings.update(ENCRYPTION[encryption])
    s = lt.session(settings)
    # Local peers are otherwise in a separate class; put every address in the global one.
    f = lt.ip_filter()
    s.set_peer_class_filter(f)
    return s


def seed(path, out, port, encryption=None):
    fs = lt.file_storage()
    lt.add_files(fs, path)
    t = lt.create_torrent(fs, 0, flags=lt.create_torrent.v1_only)
    lt.set_piece_hashes(t, os.path.dirname(os.path.abspath(path)))
    data = lt.bencode(t.generate())
    with open(out, "wb") as f:
        f.write(data)
    s = session(port, encryption)
    s.add_torrent({"ti": lt.torrent_info(out), "save_path": os.path.dirname(os.path.abspath(path)),
                   "flags": lt.torrent_flags.seed_mode})
    print("READY", flush=True)
    while True:
        time.sleep(1)


def serve(torrent, directory, port, encryption=None):
    s = session(port, encryption)
    s.add_torrent({"ti": lt.torrent_info(torrent), "save_path": directory, "flags": lt.torrent_flags.seed_mode})
    print("READY", flush=True)
    while True:
        time.sleep(1)


def leech(torrent, directory, port, peer, seconds=90, encryption=None):
    s = session(port, encryption)
    h = s.add_torrent({"ti": lt.torrent_info(torrent), "save_path": directory})
    host, peer_port = peer.rsplit(":", 1)
    print("READY", flush=True)
    start = time.monotonic()
    deadline = start + seconds
    seen = set()
    while time.monotonic() < deadline:
        h.connect_peer((host, int(peer_port)))
        for p in h.get_peer_info():
            kind = "rc4" if p.flags & lt.peer_info.rc4_encrypted else \
                "plaintext" if p.flags & lt.peer_info.plaintext_encrypted else None
            if kind and kind not in seen:
                seen.add(kind)
                print("ENCRYPTED %s" % kind, flush=True)
        st = h.status()
        if st.is_seeding:
            print("COMPLETE %d" % int((time.monotonic() - start) * 1000), flush=True)
            return 0
        time.sleep(0.01)
    print("TIMEOUT progress=%.3f peers=%d" % (st.progress, st.num_peers), flush=True)
    return 1


if __name__ == "__main__":
    args = sys.argv[1:]
    enc = None
    if args[0] == "--encryption":
        enc, args = args[1], args[2:]
    mode = args[0]
    if mode == "seed":
        seed(args[1], args[2], int(args[3]), enc)
    elif mode == "serve":
        serve(args[1], args[2], int(args[3]), enc)
    else:
        limit = int(args[5]) if len(args) > 5 else 90
        sys.exit(leech(args[1], args[2], int(args[3]), args[4], limit, enc))
