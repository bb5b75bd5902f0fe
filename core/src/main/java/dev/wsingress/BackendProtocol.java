package dev.wsingress;

/** The protocol the edge proxy speaks to the backend pods. */
public enum BackendProtocol {
  /** Plain HTTP/1.1 with the WebSocket upgrade (ws://). */
  HTTP,
  /** HTTP/1.1 over TLS (wss:// to the pod); the backend certificate is always verified. */
  HTTPS
}
