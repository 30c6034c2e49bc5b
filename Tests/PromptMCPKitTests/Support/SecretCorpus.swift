import Foundation

/// A seeded detection corpus for the secret rules: for each kind of secret, random tokens in the
/// provider's documented format PLANTED in realistic lines of several languages, and TRAPS that
/// look like them (wrong length or charset, placeholders, lookups, templates, UUIDs, hashes,
/// published examples, marked test values, base64 of plain text, allowed fixtures). Every
/// planted secret must be found where it was put, and no trap flagged.
struct SecretCorpus {
    struct Planted {
        var rule: String
        var path: String
        var line: Int
        var column: Int
        var value: String
    }

    struct Trap {
        var kind: String
        var path: String
        var line: Int
        var text: String
    }

    var files: [String: [String]] = [:]
    var planted: [Planted] = []
    var traps: [Trap] = []
    /// The policy the corpus is judged by: it allows one fixtures folder and one value pattern,
    /// which traps rely on.
    static let policy = """
    version: 1
    secrets:
      allow:
        paths: ["Tests/Fixtures/**"]
        values: ["^sk_live_ALLOWED[A-Za-z0-9]+$"]

    """
    var rng: SeededRandom

    init(seed: UInt64) {
        rng = SeededRandom(seed: seed)
        generate()
    }

    // MARK: - Recording

    /// Appends `template` to `path` with `{S}` replaced by `value`, as a planted secret of `rule`.
    mutating func plant(_ rule: String, _ path: String, _ template: String, _ value: String) {
        filler(path)
        let parts = template.components(separatedBy: "{S}")
        precondition(parts.count == 2, "a template has one {S}")
        let line = append(path, parts[0] + value + parts[1])
        planted.append(Planted(rule: rule, path: path, line: line, column: parts[0].utf8.count + 1, value: value))
    }

    /// Appends lines that must not be flagged.
    mutating func trap(_ kind: String, _ path: String, _ lines: String...) {
        filler(path)
        for text in lines {
            traps.append(Trap(kind: kind, path: path, line: append(path, text), text: text))
        }
    }

    @discardableResult
    private mutating func append(_ path: String, _ text: String) -> Int {
        files[path, default: []].append(text)
        return files[path]!.count
    }

    /// An ordinary line or two of the file's language between entries, as in real files.
    private mutating func filler(_ path: String) {
        let lines: [String]
        switch Language(path) {
        case .python: lines = ["import os", "def handler(event, context):", "    return {\"status\": 200}", "LOG_LEVEL = \"info\""]
        case .javascript: lines = ["import { fetchJson } from './http';", "export const timeoutMs = 5000;", "module.exports = { retries: 3 };"]
        case .go: lines = ["package main", "import \"net/http\"", "func main() { http.ListenAndServe(\":8080\", nil) }"]
        case .swift: lines = ["import Foundation", "let timeout: TimeInterval = 30", "struct Config: Codable {}"]
        case .java: lines = ["package com.example.billing;", "import java.util.Map;", "public final class Settings {}"]
        case .ruby: lines = ["require 'json'", "module Billing; end", "RETRIES = 3"]
        case .php: lines = ["<?php", "namespace App\\Config;", "return ["]
        case .yaml: lines = ["version: \"3.9\"", "replicas: 2", "log_level: info"]
        case .json: lines = ["{", "  \"name\": \"service\",", "  \"port\": 8080,"]
        case .env: lines = ["NODE_ENV=production", "PORT=8080", "LOG_LEVEL=info"]
        case .shell: lines = ["#!/usr/bin/env bash", "set -euo pipefail", "cd \"$(dirname \"$0\")\""]
        case .terraform: lines = ["resource \"aws_db_instance\" \"main\" {", "  engine = \"postgres\"", "}"]
        case .toml: lines = ["[server]", "port = 8080", "workers = 4"]
        case .properties: lines = ["server.port=8080", "logging.level.root=INFO"]
        case .markdown: lines = ["## Configuration", "Set the variables below before you deploy.", "```sh"]
        case .docker: lines = ["FROM node:20-alpine", "WORKDIR /app", "RUN npm ci"]
        case .xml: lines = ["<settings>", "<servers>", "<server><id>central</id>"]
        }
        append(path, lines[rng.next(lines.count)])
    }

    // MARK: - Random values

    static let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static let lower = Array("abcdefghijklmnopqrstuvwxyz")
    static let digits = Array("0123456789")
    static let alphanumeric = upper + lower + digits
    static let base32 = upper + Array("234567")
    static let hex = Array("0123456789abcdef")
    static let base64URL = alphanumeric + Array("-_")
    static let base64 = alphanumeric + Array("+/")
    static let symbols = alphanumeric + Array("!#^*-_+=~.")

    mutating func random(_ alphabet: [Character], _ count: Int) -> String {
        String((0..<count).map { _ in alphabet[rng.next(alphabet.count)] })
    }

    mutating func pick<T>(_ items: [T]) -> T { items[rng.next(items.count)] }

    mutating func base64URL(bytes count: Int) -> String {
        let data = Data((0..<count).map { _ in UInt8(rng.next(256)) })
        return Self.base64URL(data)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// The languages the corpus writes, by path.
enum Language {
    case python, javascript, go, swift, java, ruby, php, yaml, json, env, shell, terraform, toml, properties, markdown, docker, xml

    init(_ path: String) {
        let name = (path as NSString).lastPathComponent
        switch (name as NSString).pathExtension {
        case "py": self = .python
        case "js", "ts": self = .javascript
        case "go": self = .go
        case "swift": self = .swift
        case "java", "kt": self = .java
        case "rb": self = .ruby
        case "php": self = .php
        case "yml", "yaml": self = .yaml
        case "json": self = .json
        case "sh": self = .shell
        case "tf": self = .terraform
        case "toml": self = .toml
        case "properties": self = .properties
        case "md": self = .markdown
        case "xml": self = .xml
        default: self = name.hasPrefix(".env") ? .env : name == "Dockerfile" ? .docker : .env
        }
    }
}

/// SplitMix64: a small generator whose sequence is the same on every machine for a seed.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextWord() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int { Int(nextWord() % UInt64(bound)) }
}
