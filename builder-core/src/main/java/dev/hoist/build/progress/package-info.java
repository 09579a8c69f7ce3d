/**
 * Build progress events and their renderers: plain (CI logs), tty (live view), json (one event per line) and quiet.
 */
package dev.hoist.build.progress;
