/** The {@code ollama} upstream API (native {@code /api/chat}, NDJSON): request encoder and line decoder. */
package dev.clawgate.upstream.ollama;
