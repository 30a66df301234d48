/// The seats answer: `{"data": {seatID: seat, ...}}`, an object keyed by seat id as documented;
/// an array is accepted too. Rows are isolated like list rows.
struct SeatsEnvelope: Decodable, Sendable {
    var rows: [ElementResult<Seat>]

    init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        if try c.isAbsentOrNull("data") {
            self.rows = []
        } else if let keyed = try? c.decode([String: ElementResult<Seat>].self, forKey: "data") {
            self.rows = keyed.sorted { $0.key < $1.key }.map(\.value)
        } else {
            self.rows = try c.decode([ElementResult<Seat>].self, forKey: "data")
        }
    }
}
