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
        nextBasketID = organiser.orders.maxBasketID
        nextClientID = organiser.orders.maxClientID
    }

    mutating func generate() -> Organiser {
        let events = makeEvents()
        var seats: [Int: [FakeSeat]] = [:]
        for event in events {
            for show in event.shows { seats[show.id] = makeSeats(for: show) }
        }
        let recipe = OrderRecipe(catalogue: SalesCatalogue(events: events, seats: seats), maxTickets: spec.maxTicketsPerOrder)
        let window = (now - spec.historyHours * 3600)...now
        let orders = ProceduralOrders(count: spec.orders, seed: rng.next(), window: window, recipe: recipe)
        var organiser = Organiser(spec: spec, nowEpoch: now, events: events, orders: OrderStore(generated: orders), seats: seats)
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

    // MARK: orders added later

    /// An order placed in `window` (ids, basket ids and client ids continue ascending).
    mutating func makeOrder(_ catalogue: SalesCatalogue, window: ClosedRange<Int>) -> FakeOrder {
        let recipe = OrderRecipe(catalogue: catalogue, maxTickets: spec.maxTicketsPerOrder)
        nextOrderID += rng.int(in: 1...3)
        nextClientID += rng.int(in: 1...5)
        let firstBasketID = nextBasketID + rng.int(in: 1...4)
        let times = recipe.times(&rng, slot: window, window: window)
        let order = recipe.order(times, &rng, id: nextOrderID, firstBasketID: firstBasketID, clientID: nextClientID)
        nextBasketID = firstBasketID + order.baskets.count - 1
        return order
    }
}
