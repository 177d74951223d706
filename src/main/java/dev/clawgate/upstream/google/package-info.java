/**
 * The {@code google-generative-ai} upstream API (Gemini {@code streamGenerateContent} with SSE): request
 * encoder, JSON-schema narrowing for function declarations, stream decoder, whole-response decoder.
 * Imports only {@code wire}, {@code catalog} and the shared {@code upstream.codec}/{@code upstream.transport}.
 */
package dev.clawgate.upstream.google;
