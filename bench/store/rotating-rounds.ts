/**
 * Runs `run` for every store in each of `rounds` rounds, rotating which store goes first, so that
 * load that comes and goes on a shared machine hits all stores alike.
 *
 * @example
 * await inRotatingRounds(contenders, 3, (contender, index, round) => measureOnce(contender, round))
 */
export const inRotatingRounds = async <C>(contenders: readonly C[], rounds: number, run: (contender: C, index: number, round: number) => Promise<void>) => {
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (k + round) % contenders.length
      await run(contenders[index]!, index, round)
    }
  }
}
