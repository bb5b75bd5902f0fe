/**
 * AssertJ assertions for your own tests: what a set of manifests, or a rendering, does to WebSocket
 * traffic, route by route. Start with {@link dev.wsingress.assertj.WsAssertions}.
 */
package dev.wsingress.assertj;
