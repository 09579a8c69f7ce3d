/**
 * Text helpers shared by the parser, the lexer and the option readers: Go's white space, quoting and CSV rules.
 */
package dev.hoist.dockerfile.text;
