/// Generates an organiser from a spec. All randomness comes from one SplitMix64 stream in
/// a fixed order, so the output depends only on (spec, now).
struct OrganiserGenerator {
    var rng: SplitMix64
    let spec: OrganiserSpec
    let now: Int
    var nextOrderID = 1_600_000
    var nextBasketID = 12_000_000
    var nextClientID = 1_000_000

    init(spec: OrganiserSpec, now: Int) {
        self.rng = SplitMix64(seed: spec.seed)
        self.spec = spec
        self.now = now
    }

    /// A generator for orders added later: its ids continue above the organiser's.
    init(continuing organiser: Organiser, seed: UInt64, now: Int) {
        self.init(spec: organiser.spec, now: now)
        rng = SplitMix64(seed: seed)
        nextOrderID = organiser.orders.last?.id ?? 1_600_000
        nextBasketID = organiser.orders.reduce(12_000_000) { acc, o in o.baskets.reduce(acc) { max($0, $1.id) } }
        nextClientID = organiser.orders.reduce(1_000_000) { max($0, $1.clientID) }
    }

    mutating func generate() -> Organiser {
        let events = makeEvents()
        var seats: [Int: [FakeSeat]] = [:]
        for event in events {
            for show in event.shows { seats[show.id] = makeSeats(for: show) }
        }
        let catalogue = SalesCatalogue(events: events, seats: seats)
        let window = (now - spec.historyHours * 3600)...now
        var orders: [FakeOrder] = []
        orders.reserveCapacity(spec.orders)
        if !catalogue.events.isEmpty {
            for _ in 0..<spec.orders { orders.append(makeOrder(catalogue, window: window)) }
        }
        var organiser = Organiser(spec: spec, nowEpoch: now, events: events, orders: orders, seats: seats)
        SeatOccupancy.apply(to: &organiser)
        return organiser
    }

    // MARK: events and shows

    mutating func makeEvents() -> [FakeEvent] {
        var events: [FakeEvent] = []
        var eventID = 24_000
        var showID = 150_000
        let day = 86_400
        for index in 0..<spec.events {
            eventID += rng.int(in: 1...9)
            let cities = FakeCity.catalogue
            let city = index < cities.count ? cities[index] : cities[rng.int(in: 0...(cities.count - 1))]
            let created = now - rng.int(in: 30...400) * day
            let deleted = index > 0 && rng.chance(0.08)
            let name = "\(rng.pick(FakeNames.eventKinds) ?? "Концерт") «\(rng.pick(FakeNames.titles) ?? "Щелкунчик")»"
            var showCount = 0
            if spec.maxShowsPerEvent > 0 {
                showCount = rng.chance(0.06) ? 0 : rng.int(in: 1...spec.maxShowsPerEvent)
            }
            var shows: [FakeShow] = []
            for _ in 0..<showCount {
                showID += rng.int(in: 1...40)
                // Start between 30 days ago and 120 days ahead; never finishing within 6 hours of
                // `now`, so "finished" is the same whichever clock a test run uses.
                var start = now + rng.int(in: -30 * day...120 * day)
                let length = rng.int(in: 2...4) * 3600
                if abs(start + length - now) < 6 * 3600 { start += 12 * 3600 }
                let tariffs = rng.int(in: 1...3)
                var prices: [Int] = []
                for _ in 0..<tariffs { prices.append(rng.pick(FakeNames.tariffsKopecks) ?? 100_000) }
                let showCreated = created + rng.int(in: 0...day)
                shows.append(
                    FakeShow(
                        id: showID, eventID: eventID, name: rng.chance(0.7) ? "" : "Сеанс \(shows.count + 1)",
                        isActive: rng.chance(0.9), startDate: start, finishDate: start + length,
                        saleFinishDate: start + length - 300, createdAt: showCreated,
                        updatedAt: min(now, showCreated + rng.int(in: 0...(10 * day))),
                        deletedAt: rng.chance(0.07) ? now - rng.int(in: 1...(20 * day)) : nil,
                        pricesKopecks: prices, firstPriceID: 540_000 + showID % 100_000 * 4))
            }
            events.append(
                FakeEvent(
                    id: eventID, name: name, isActive: !deleted && rng.chance(0.85),
                    placeName: rng.pick(FakeNames.places) ?? "Арена", placeAddress: rng.pick(FakeNames.streets) ?? "",
                    city: city, shows: shows, createdAt: created, updatedAt: min(now, created + rng.int(in: 0...(20 * day))),
                    deletedAt: deleted ? now - rng.int(in: 1...(30 * day)) : nil))
        }
        return events
    }

    /// Seats of one show: reserved rows (with tariff duplicates in some shows), a few disabled
    /// seats, sometimes a general-admission zone, sometimes no seats at all.
    mutating func makeSeats(for show: FakeShow) -> [FakeSeat] {
        if rng.chance(0.03) { return [] }
        let count = rng.int(in: spec.minSeatsPerShow...spec.maxSeatsPerShow)
        let tariffPrefixes = rng.chance(0.3) ? ["full", "child"] : ["full"]
        let price = show.pricesKopecks.first ?? 100_000
        var seats: [FakeSeat] = []
        seats.reserveCapacity(count * tariffPrefixes.count + 2)
        let parterreRows = max(1, (count * 7 / 10 + 19) / 20)
        for n in 0..<count {
            let rowIndex = n / 20
            let zone = rowIndex < parterreRows ? "PARTERRE" : "BALCONY"
            let zoneTitle = zone == "PARTERRE" ? "Партер" : "Балкон"
            let row = rowIndex < parterreRows ? rowIndex + 1 : rowIndex - parterreRows + 1
            let place = n % 20 + 1
            let root = "\(zone)-\(row);\(place)"
            let disabled = rng.chance(0.03)
            for (t, prefix) in tariffPrefixes.enumerated() {
                seats.append(
                    FakeSeat(
                        id: "\(prefix)_\(root)", rootID: root, zoneID: "\(prefix)_\(zone)", zoneRootID: zone,
                        name: "\(zoneTitle): Ряд \(row), Место \(place)", row: String(row), place: String(place),
                        admission: false, disabled: disabled, maxQuantity: 1, freeQuantity: 1, payedQuantity: 0,
                        inBasketQuantity: 0, priceKopecks: t == 0 ? price : price / 2))
            }
        }
        if rng.chance(0.4) {
            let capacity = rng.int(in: 50...400)
            for (t, prefix) in tariffPrefixes.enumerated() {
                seats.append(
                    FakeSeat(
                        id: "\(prefix)_DANCEFLOOR", rootID: "DANCEFLOOR", zoneID: "\(prefix)_DANCEFLOOR",
                        zoneRootID: "DANCEFLOOR", name: "Танцпол", row: "", place: "", admission: true, disabled: false,
                        maxQuantity: capacity, freeQuantity: capacity, payedQuantity: 0, inBasketQuantity: 0,
                        priceKopecks: t == 0 ? price : price / 2))
            }
        }
        return seats
    }

    // MARK: orders

    private enum Kind { case paid, pending, cancelled(wasPaid: Bool) }

    /// An instant in `window`; about 8% land within ten minutes of midnight Moscow time,
    /// where a client that takes the UTC date (or the city's date) gets the day wrong.
    mutating func instant(in window: ClosedRange<Int>) -> Int {
        if rng.chance(0.08) {
            // Moscow midnight is 21:00 UTC.
            let first = FakeTimestamp.floorDiv(window.lowerBound - 75_600, 86_400) + 1
            let last = FakeTimestamp.floorDiv(window.upperBound - 75_600, 86_400)
            if first <= last {
                let midnight = rng.int(in: first...last) * 86_400 + 75_600
                return min(window.upperBound, max(window.lowerBound, midnight + rng.int(in: -600...600)))
            }
        }
        return rng.int(in: window)
    }

    /// A later moment in `t...upper` for follow-up changes (refund, single cancelled ticket).
    mutating func later(than t: Int, upper: Int) -> Int {
        guard upper > t else { return t }
        return rng.int(in: (t + min(60, upper - t))...upper)
    }

    mutating func makeOrder(_ catalogue: SalesCatalogue, window: ClosedRange<Int>) -> FakeOrder {
        nextOrderID += rng.int(in: 1...3)
        let id = nextOrderID
        let entry = catalogue.events[rng.int(in: 0...(catalogue.events.count - 1))]
        let kind: Kind
        if entry.isDeleted {
            kind = .cancelled(wasPaid: rng.chance(0.5))
        } else {
            let r = rng.int(in: 0...99)
            kind = r < 72 ? .paid : r < 81 ? .pending : .cancelled(wasPaid: rng.chance(0.4))
        }
        let t = instant(in: window)
        let created = t - rng.int(in: 15...1_500)
        var order = FakeOrder(
            id: id, uniqid: uniqid(), eventID: entry.event.id, payed: false, payedAt: nil, createdAt: created,
            updatedAt: t, deletedAt: nil, clientID: 0, clientName: "", clientSurname: "", clientEmail: "",
            clientPhone: "", quirks: UInt8(truncatingIfNeeded: rng.next()), baskets: [])
        fillClient(&order)

        let shows = entry.liveShows.isEmpty ? entry.allShows : entry.liveShows
        let mainShow = shows[rng.int(in: 0...(shows.count - 1))]
        let r = rng.int(in: 0...99)
        let tickets = r < 55 ? 1 : r < 80 ? min(2, spec.maxTicketsPerOrder) : rng.int(in: 1...spec.maxTicketsPerOrder)
        let discountMode = rng.int(in: 0...99)  // <8: 10% off, <12: 100 roubles off
        for _ in 0..<tickets {
            let show = rng.chance(0.85) ? mainShow : shows[rng.int(in: 0...(shows.count - 1))]
            order.baskets.append(makeBasket(show: show, order: order, discountMode: discountMode))
        }

        switch kind {
        case .paid:
            order.payed = true
            order.payedAt = t
            for i in order.baskets.indices { order.baskets[i].barcode = barcode(order.baskets[i].id) }
            if order.baskets.count >= 2, rng.chance(0.06) {
                let at = later(than: t, upper: window.upperBound)
                let i = rng.int(in: 0...(order.baskets.count - 1))
                order.baskets[i].deletedAt = at
                order.baskets[i].barcode = nil
                order.baskets[i].updatedAt = at
                order.updatedAt = max(order.updatedAt, at)
            }
            if rng.chance(0.05) {
                let at = later(than: t, upper: window.upperBound)
                let i = rng.int(in: 0...(order.baskets.count - 1))
                if order.baskets[i].deletedAt == nil {
                    order.baskets[i].refundedAt = at
                    order.baskets[i].updatedAt = at
                    order.updatedAt = max(order.updatedAt, at)
                }
            }
        case .pending:
            break
        case .cancelled(let wasPaid):
            if wasPaid {
                order.payed = true
                order.payedAt = min(t, created + rng.int(in: 10...300))
            }
            order.deletedAt = t
            for i in order.baskets.indices {
                order.baskets[i].deletedAt = t
                order.baskets[i].updatedAt = t
            }
        }
        return order
    }

    private mutating func makeBasket(show: SalesCatalogue.ShowEntry, order: FakeOrder, discountMode: Int) -> FakeBasket {
        nextBasketID += rng.int(in: 1...4)
        var seatID = "GENERAL-1;1"
        var seatName = "Входной билет"
        var quantity = 1
        if let admission = show.admission, show.reserved.isEmpty || rng.chance(0.4) {
            seatID = admission
            seatName = "Танцпол"
            if rng.chance(0.03) { quantity = 2 }
        } else if let seat = rng.pick(show.reserved) {
            seatID = seat.0
            seatName = seat.1
        }
        let original = (rng.pick(show.show.pricesKopecks) ?? 100_000) * quantity
        var discount = 0
        if discountMode < 8 {
            discount = original / 10
        } else if discountMode < 12 {
            discount = min(original, 10_000)
        }
        return FakeBasket(
            id: nextBasketID, showID: show.show.id, seatID: seatID, seatName: seatName,
            originalPriceKopecks: original, discountKopecks: discount, quantity: quantity, barcode: nil,
            createdAt: order.createdAt - rng.int(in: 0...120), updatedAt: order.updatedAt, deletedAt: nil,
            refundedAt: nil, clientName: order.clientName, clientSurname: order.clientSurname,
            clientEmail: order.clientEmail, clientPhone: order.clientPhone)
    }

    private mutating func fillClient(_ order: inout FakeOrder) {
        nextClientID += rng.int(in: 1...5)
        order.clientID = nextClientID
        order.clientName = rng.pick(FakeNames.firstNames) ?? "Иван"
        order.clientSurname = rng.pick(FakeNames.surnames) ?? "Петров"
        order.clientEmail = "client\(nextClientID)@example.test"
        order.clientPhone = "+7900\(1_000_000 + rng.int(in: 0...8_999_999))"
    }

    private mutating func uniqid() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        for _ in 0..<10 { bytes.append(FakeNames.uniqidAlphabet[rng.int(in: 0...(FakeNames.uniqidAlphabet.count - 1))]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func barcode(_ basketID: Int) -> String {
        String(100_000_000_000 + (basketID &* 7_919) % 900_000_000_000)
    }
}
