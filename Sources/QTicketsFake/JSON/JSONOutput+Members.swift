/// Members (`"name":value`) in one call, so that a renderer reads as the object it renders:
/// one line per member, nested objects and arrays as nested blocks.
extension JSONOutput {
    /// `{…}`, `body` writing the members.
    mutating func object(_ body: (inout JSONOutput) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    mutating func member(_ name: String, object body: (inout JSONOutput) -> Void) {
        key(name)
        object(body)
    }

    /// `"name":[…]`, `write` writing each element.
    mutating func member<Elements: Sequence>(
        _ name: String, array elements: Elements, _ write: (inout JSONOutput, Elements.Element) -> Void
    ) {
        key(name)
        beginArray()
        for element in elements { write(&self, element) }
        endArray()
    }

    mutating func member(_ name: String, _ value: some JSONScalar) {
        key(name)
        value.write(to: &self)
    }

    /// Raw JSON text as the value (`[]`, `0`, an object literal).
    mutating func member(_ name: String, raw literal: String) {
        key(name)
        raw(literal)
    }

    mutating func member(_ name: String, timestamp epoch: Int?) {
        key(name)
        timestamp(epoch)
    }

    mutating func member(_ name: String, kopecks: Int) {
        key(name)
        money(kopecks: kopecks)
    }

    /// `created_at`, `updated_at`, `deleted_at`: the three timestamps every record carries.
    mutating func timestamps(created: Int?, updated: Int?, deleted: Int?) {
        member("created_at", timestamp: created)
        member("updated_at", timestamp: updated)
        member("deleted_at", timestamp: deleted)
    }

    /// Members whose values never vary, as JSON text (`"inn":null,"comment":null`): the API's
    /// fields the fake fills with constants.
    mutating func constantMembers(_ json: String) {
        raw(json)
    }
}

/// A value written as it is: a number, a string, a flag, or `null` for an absent one.
protocol JSONScalar {
    func write(to out: inout JSONOutput)
}

extension Int: JSONScalar {
    func write(to out: inout JSONOutput) { out.int(self) }
}

extension String: JSONScalar {
    func write(to out: inout JSONOutput) { out.string(self) }
}

extension Bool: JSONScalar {
    func write(to out: inout JSONOutput) { out.bool(self) }
}

extension Optional: JSONScalar where Wrapped: JSONScalar {
    func write(to out: inout JSONOutput) {
        if let self { self.write(to: &out) } else { out.null() }
    }
}
