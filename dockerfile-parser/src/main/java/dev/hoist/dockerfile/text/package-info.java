/**
 * Text helpers shared by the parser and the lexer: Go's white space and quoting rules.
 */
package dev.hoist.dockerfile.text;
