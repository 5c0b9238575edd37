// Command echo_server is a fast WebSocket echo server on gorilla/websocket,
// the reference peer for wisp's client benchmarks and interop checks.
//
// It streams each message back as it arrives (NextReader -> NextWriter, so a
// message is never held whole in memory): same message type, same bytes.
// Outgoing frames carry up to -write-buffer bytes of payload each (64 KiB
// by default: gorilla cuts a streamed message into frames of its write buffer
// size). Read limit 64 MiB, permessage-deflate off, any origin and path.
// Pings are answered by gorilla's default handler, close by close.
//
// Prints exactly one line "listening on ws://HOST:PORT/" when ready and exits 0
// on SIGTERM/SIGINT.
//
// With -count-frames it parses the bytes it receives on each connection and,
// when the connection ends, prints to stderr how many frames of each opcode it
// got and their payload sizes: a server-side check of what a client really
// puts on the wire.
//
// Build (offline, GOPATH mode, Debian's gorilla):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o bin/echo_server echo_server.go
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/gorilla/websocket"
)

func main() {
	host := flag.String("host", "127.0.0.1", "address to listen on")
	port := flag.Int("port", 0, "port to listen on (0: any free port)")
	readBuf := flag.Int("read-buffer", 64<<10, "gorilla read buffer size")
	writeBuf := flag.Int("write-buffer", 64<<10, "gorilla write buffer size = payload bytes per outgoing frame")
	readLimit := flag.Int64("read-limit", 64<<20, "largest message accepted")
	countFrames := flag.Bool("count-frames", false, "report received frames per connection on stderr")
	flag.Parse()

	ln, err := net.Listen("tcp", net.JoinHostPort(*host, fmt.Sprint(*port)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "echo_server:", err)
		os.Exit(1)
	}
	if *countFrames {
		ln = &countingListener{Listener: ln}
	}

	upgrader := websocket.Upgrader{
		ReadBufferSize:    *readBuf,
		WriteBufferSize:   *writeBuf,
		EnableCompression: false,
		CheckOrigin:       func(*http.Request) bool { return true },
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return // Upgrade already answered with an HTTP error
		}
		defer c.Close()
		c.SetReadLimit(*readLimit)
		for {
			mt, rd, err := c.NextReader()
			if err != nil {
				return // close handshake done by gorilla's close handler, or error
			}
			wr, err := c.NextWriter(mt)
			if err != nil {
				return
			}
			if _, err := io.Copy(wr, rd); err != nil {
				return
			}
			if err := wr.Close(); err != nil {
				return
			}
		}
	})

	srv := &http.Server{Handler: handler}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sigs
		srv.Close()
		os.Exit(0)
	}()

	addr := ln.Addr().(*net.TCPAddr)
	fmt.Printf("listening on ws://%s/\n", net.JoinHostPort(addr.IP.String(), fmt.Sprint(addr.Port)))
	os.Stdout.Sync()
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		fmt.Fprintln(os.Stderr, "echo_server:", err)
		os.Exit(1)
	}
}

// --- frame counting ---------------------------------------------------------

var connSeq int64

type countingListener struct{ net.Listener }

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: c, id: atomic.AddInt64(&connSeq, 1), sizes: map[int]map[uint64]int{}}, nil
}

// countingConn parses the raw bytes read from the client: first the HTTP
// request (up to CRLFCRLF), then WebSocket frame headers, skipping payloads.
type countingConn struct {
	net.Conn
	id        int64
	inHTTP    bool
	httpTail  []byte
	started   bool
	hdr       []byte
	remaining uint64
	sizes     map[int]map[uint64]int // opcode -> payload length -> frames
	frames    int
	once      sync.Once
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.feed(p[:n])
	return n, err
}

func (c *countingConn) feed(b []byte) {
	if !c.started {
		c.started, c.inHTTP = true, true
	}
	for len(b) > 0 {
		if c.inHTTP {
			c.httpTail = append(c.httpTail, b...)
			i := strings.Index(string(c.httpTail), "\r\n\r\n")
			if i < 0 {
				if len(c.httpTail) > 3 {
					c.httpTail = c.httpTail[len(c.httpTail)-3:]
				}
				return
			}
			rest := c.httpTail[i+4:]
			c.inHTTP, c.httpTail = false, nil
			b = append([]byte(nil), rest...)
			continue
		}
		if c.remaining > 0 {
			k := uint64(len(b))
			if k > c.remaining {
				k = c.remaining
			}
			c.remaining -= k
			b = b[k:]
			continue
		}
		c.hdr = append(c.hdr, b[0])
		b = b[1:]
		if len(c.hdr) < 2 {
			continue
		}
		need := 2
		switch c.hdr[1] & 0x7f {
		case 126:
			need += 2
		case 127:
			need += 8
		}
		if c.hdr[1]&0x80 != 0 {
			need += 4
		}
		if len(c.hdr) < need {
			continue
		}
		length := uint64(c.hdr[1] & 0x7f)
		switch length {
		case 126:
			length = uint64(c.hdr[2])<<8 | uint64(c.hdr[3])
		case 127:
			length = 0
			for _, x := range c.hdr[2:10] {
				length = length<<8 | uint64(x)
			}
		}
		op := int(c.hdr[0] & 0x0f)
		if c.sizes[op] == nil {
			c.sizes[op] = map[uint64]int{}
		}
		c.sizes[op][length]++
		c.frames++
		c.remaining = length
		c.hdr = c.hdr[:0]
	}
}

func (c *countingConn) Close() error {
	c.once.Do(c.report)
	return c.Conn.Close()
}

func (c *countingConn) report() {
	names := map[int]string{0: "cont", 1: "text", 2: "binary", 8: "close", 9: "ping", 10: "pong"}
	var ops []int
	for op := range c.sizes {
		ops = append(ops, op)
	}
	sort.Ints(ops)
	var parts []string
	for _, op := range ops {
		total := 0
		type kv struct {
			size  uint64
			count int
		}
		var kvs []kv
		for s, n := range c.sizes[op] {
			total += n
			kvs = append(kvs, kv{s, n})
		}
		sort.Slice(kvs, func(i, j int) bool {
			if kvs[i].count != kvs[j].count {
				return kvs[i].count > kvs[j].count
			}
			return kvs[i].size < kvs[j].size
		})
		var top []string
		for i, e := range kvs {
			if i == 4 {
				top = append(top, fmt.Sprintf("... %d sizes in all", len(kvs)))
				break
			}
			top = append(top, fmt.Sprintf("%dB x%d", e.size, e.count))
		}
		name := names[op]
		if name == "" {
			name = fmt.Sprintf("op%d", op)
		}
		parts = append(parts, fmt.Sprintf("%s=%d [%s]", name, total, strings.Join(top, ", ")))
	}
	fmt.Fprintf(os.Stderr, "frames conn %d: %d received: %s\n", c.id, c.frames, strings.Join(parts, " "))
}
