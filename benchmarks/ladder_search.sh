#!/usr/bin/env bash
# The ladder's search (issue 27, item 2), first stage: screen one change at a time from the ladder's
# configuration on the 5 objects x 2 features rung (the first where neither model leaves the plateau
# in 15 min), 1 seed x 5 minutes per model, one worker. Resumable: a configuration whose checkpoint
# exists is skipped. Every run goes into the search table:
#   .venv/bin/python -m rmc_course.ladder --collect --search runs/search/*/
# Usage: bash benchmarks/ladder_search.sh [all|fixed|timed|scaled|split|confirm rmc|lstm [NAME...]|climb rmc|lstm [SEED]]  (from the repository root; the first stage
# (fixed) takes about 70 min on a quiet core, the second (timed) about 40 min)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=.venv/bin/python
# 5 minutes of the ladder's 5x2 rung, from its quiet timing (ladder.json: 33,862 RMC and 149,091 LSTM
# steps in 15 min), as fixed step counts: a timing run on a loaded machine would give each configuration
# another budget. Only settings that leave the cost of a step unchanged are screened this way (learning
# rate, clipping); batch size, slots, heads and blocks need their own timing and come next.
RMC_STEPS=11287
LSTM_STEPS=49697
# the ladder's 5x2 configuration (rmc_course/assets/ladder/ladder.json), changed one setting at a time
BASE=(--num-objects 5 --num-features 2 --mem-slots 4 --head-size 16 --num-heads 4 --num-blocks 1
      --head-hidden 256 --batch-size 128 --lr 0.001 --test-size 2000)
screen() {  # screen NAME MODEL [changed settings...]
    local name=$1 model=$2
    shift 2
    local out="runs/search/o5f2-$name-$model"
    if [ -f "$out/${model}_seed0.pt" ]; then
        echo "skip $out (finished)"
        return
    fi
    "$PY" -m rmc_course.sweep "${BASE[@]}" "$@" --model "$model" --seeds 0 --steps-rmc "$RMC_STEPS" --steps-lstm "$LSTM_STEPS" \
        --workers 1 --nice 19 --quiet --out-dir "$out" --note "ladder search screen: $name ($*)"
}
# Second stage, load-robust: the same changes, each given the steps that 5 quiet minutes of the rung make
# at the changed configuration's cost, measured against the rung's own configuration in one process
# (benchmarks/search_steps.py), so a busy machine does not shrink the budget (the timed stage above ran
# while the machine was busy: some of its screens trained a tenth of their quiet steps).
screen_scaled() {  # screen_scaled NAME MODEL "FIELD=VALUE ..." [sweep settings...]
    local name=$1 model=$2 sets=$3
    shift 3
    local out="runs/search/o5f2-$name-$model-scaled"
    if [ -f "$out/${model}_seed0.pt" ]; then
        echo "skip $out (finished)"
        return
    fi
    local set_args=() field
    for field in $sets; do set_args+=(--set "$field"); done
    local steps
    steps=$("$PY" benchmarks/search_steps.py --rung 5x2 --model "$model" --minutes 5 "${set_args[@]}")
    local rmc_steps=$RMC_STEPS lstm_steps=$LSTM_STEPS
    if [ "$model" = rmc ]; then rmc_steps=$steps; else lstm_steps=$steps; fi
    "$PY" -m rmc_course.sweep "${BASE[@]}" "$@" --model "$model" --seeds 0 --steps-rmc "$rmc_steps" \
        --steps-lstm "$lstm_steps" --workers 1 --nice 19 --quiet --out-dir "$out" \
        --note "ladder search screen (scaled to 5 quiet min): $name ($*)"
}
STAGE=${1:-all}  # all | fixed | timed | scaled (the 5x2 stages) | split rmc|lstm [NAME...] (the 4x2 screens) | confirm rmc|lstm [NAME...] | climb rmc|lstm [SEED]
# Third stage, on the split rung: nothing left the 5x2 plateau in 5 minutes, and on 4x2 the one RMC
# seed that learned left its plateau only after 9 minutes (25,368 steps), so 5-minute screens cannot
# show a change that moves the frontier. This stage screens on 4x2 (the rung where each model learned
# for 1 of 3 seeds) at the rung's full 15 quiet minutes, on seed 1, where the rung's configuration
# stays on the plateau for both models (RMC 32.9%, LSTM 34.9% relational): a change that makes seed 1
# learn is a candidate for 3 seeds. Settings that change a step's cost get their steps scaled
# (benchmarks/search_steps.py --rung 4x2 --minutes 15).
SPLIT_BASE=(--num-objects 4 --num-features 2 --mem-slots 4 --head-size 16 --num-heads 4 --num-blocks 1
            --head-hidden 256 --batch-size 128 --lr 0.001 --test-size 2000)
SPLIT_RMC_STEPS=42313  # ladder.json 4x2: 15 quiet minutes
SPLIT_LSTM_STEPS=183031
SPLIT_RUNG=4x2
split_run() {  # split_run OUT NOTE MODEL "SEED..." "FIELD=VALUE ..." [sweep settings...]  (empty FIELDs: same cost)
    local out=$1 note=$2 model=$3 seeds=$4 sets=$5
    shift 5
    local seed missing=0 lock="$out.lock"
    for seed in $seeds; do [ -f "$out/${model}_seed$seed.pt" ] || missing=1; done
    if [ "$missing" = 0 ]; then
        echo "skip $out (finished)"
        return
    fi
    # two copies of this script (one per core) never train the same run: the first holds its lock
    if [ -f "$lock" ] && kill -0 "$(cat "$lock")" 2>/dev/null; then
        echo "skip $out (running: process $(cat "$lock"))"
        return
    fi
    mkdir -p runs/search
    echo $$ > "$lock"
    local rmc_steps=$SPLIT_RMC_STEPS lstm_steps=$SPLIT_LSTM_STEPS steps
    if [ -n "$sets" ] && [ -n "${SAME_STEPS_AS:-}" ] && [ -f "$SAME_STEPS_AS/sweep.json" ]; then
        # the other seeds of a screen train the screen's own steps, not a new timing of the change
        steps=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["budget"]["steps"][sys.argv[2]])' \
            "$SAME_STEPS_AS/sweep.json" "$model")
        if [ "$model" = rmc ]; then rmc_steps=$steps; else lstm_steps=$steps; fi
    elif [ -n "$sets" ]; then
        local set_args=() field
        for field in $sets; do set_args+=(--set "$field"); done
        steps=$("$PY" benchmarks/search_steps.py --rung "$SPLIT_RUNG" --model "$model" --minutes 15 "${set_args[@]}")
        if [ "$model" = rmc ]; then rmc_steps=$steps; else lstm_steps=$steps; fi
    fi
    # shellcheck disable=SC2086  # the seeds are words
    "$PY" -m rmc_course.sweep "${SPLIT_BASE[@]}" "$@" --model "$model" --seeds $seeds --steps-rmc "$rmc_steps" \
        --steps-lstm "$lstm_steps" --workers 1 --nice 19 --quiet --out-dir "$out" --note "$note ($*)"
    rm -f "$lock"
}
# `split|confirm MODEL NAME...` runs only the named screens (e.g. `split rmc batch32`); none named: all, in order
ONLY=" ${*:3} "
chosen() { [ "$ONLY" = "  " ] || [[ "$ONLY" == *" $1 "* ]]; }
split_screen() {  # split_screen NAME MODEL "FIELD=VALUE ..." [sweep settings...]: seed 1
    local name=$1 model=$2
    chosen "$name" || return 0
    split_run "runs/search/o4f2-$name-$model-s1" "ladder search screen (4x2, seed 1, 15 quiet min): $name" \
        "$model" 1 "${@:3}"
}
# The screen's settings on the rung's other two seeds (0 and 2), for a change whose seed-1 screen left
# the plateau: with the screen that makes 3 seeds, the least the issue claims a configuration on.
split_confirm() {  # split_confirm NAME MODEL "FIELD=VALUE ..." [sweep settings...]: seeds 0 and 2
    local name=$1 model=$2
    chosen "$name" || return 0
    SAME_STEPS_AS="runs/search/o4f2-$name-$model-s1" split_run "runs/search/o4f2-$name-$model-s02" \
        "ladder search, 3 seeds (4x2, seeds 0 and 2 beside the screen's seed 1, 15 quiet min): $name" \
        "$model" "0 2" "${@:3}"
}
# A configuration that learns the split rung, one rung up: 5 objects x 2 features (where no screen of
# 5 minutes left the plateau) for the full 15 quiet minutes, on seed 0 (the rung's own configuration
# stays on the plateau for all three seeds there). split_run reads the rung from these variables. A climb
# that leaves the plateau on seed 0 gets seeds 1 and 2, one folder per seed so that both cores can train.
climb() {  # climb NAME MODEL SEED [sweep settings...]  (settings that keep a step's cost)
    local name=$1 model=$2 seed=$3
    shift 3
    local SPLIT_BASE=("${BASE[@]}") SPLIT_RMC_STEPS=33862 SPLIT_LSTM_STEPS=149091 SPLIT_RUNG=5x2  # ladder.json 5x2
    split_run "runs/search/o5f2-$name-$model-15min-s$seed" \
        "ladder search, one rung up (5x2, seed $seed, 15 quiet min): $name" "$model" "$seed" "" "$@"
}
if [ "$STAGE" = climb ]; then
    seed=${3:-0}
    case ${2:?"usage: ladder_search.sh climb rmc|lstm [SEED]"} in
    rmc | lstm) climb curriculum3 "$2" "$seed" --curriculum-start 3 ;;
    *) echo "usage: ladder_search.sh climb rmc|lstm [SEED]" >&2; exit 2 ;;
    esac
    exit 0
fi
if [ "$STAGE" = confirm ]; then  # the best two screens per model that left the plateau, on seeds 0 and 2
    case ${2:?"usage: ladder_search.sh confirm rmc|lstm [NAME...]"} in
    rmc)
        # seed 1: curriculum from 3 objects 93.7%, warm-up 93.5%, lr 3e-4 91.4% relational (the rung's
        # configuration: 32.9%); lr 3e-4 was confirmed first, as the first screen to leave the plateau
        split_confirm curriculum3 rmc "" --curriculum-start 3
        split_confirm lr3e-4 rmc "" --lr 0.0003
        split_confirm warmup10pct rmc "" --warmup-steps 4231
        ;;
    lstm)
        # seed 1: curriculum from 3 objects 94.8%, batch 32 92.8% relational (the rung's configuration: 34.9%)
        split_confirm curriculum3 lstm "" --curriculum-start 3
        split_confirm batch32 lstm "batch_size=32" --batch-size 32
        ;;
    *) echo "usage: ladder_search.sh confirm rmc|lstm [NAME...]" >&2; exit 2 ;;
    esac
    exit 0
fi
if [ "$STAGE" = split ]; then
    case ${2:?"usage: ladder_search.sh split rmc|lstm [NAME...]"} in
    # the same changes for both models first (a curriculum from 3 objects and a warm-up over the first
    # 10% of the steps cost no more per step than the rung: they get the rung's steps), then each model's own
    rmc)
        split_screen lr3e-4 rmc "" --lr 0.0003
        split_screen curriculum3 rmc "" --curriculum-start 3
        split_screen warmup10pct rmc "" --warmup-steps 4231
        split_screen clip1 rmc "" --clip-grad-norm 1.0
        split_screen batch32 rmc "batch_size=32" --batch-size 32
        split_screen gatememory rmc "gate_style=memory" --gate-style memory
        split_screen inputtile rmc "input_mode=tile" --input-mode tile
        split_screen heads2x32 rmc "num_heads=2 head_size=32" --num-heads 2 --head-size 32
        ;;
    lstm)
        split_screen lr3e-4 lstm "" --lr 0.0003
        split_screen curriculum3 lstm "" --curriculum-start 3
        split_screen warmup10pct lstm "" --warmup-steps 18303
        split_screen clip1 lstm "" --clip-grad-norm 1.0
        split_screen batch32 lstm "batch_size=32" --batch-size 32
        split_screen hidden256 lstm "lstm_hidden=256" --lstm-hidden 256
        split_screen head512 lstm "head_hidden=[512]" --head-hidden 512
        ;;
    *) echo "usage: ladder_search.sh split rmc|lstm [NAME...]" >&2; exit 2 ;;
    esac
    exit 0
fi
if [ "$STAGE" = all ] || [ "$STAGE" = fixed ]; then
    screen lr3e-4 rmc --lr 0.0003
    screen lr3e-4 lstm --lr 0.0003
    screen lr3e-3 rmc --lr 0.003
    screen lr3e-3 lstm --lr 0.003
    screen clip1 rmc --clip-grad-norm 1.0
    screen clip1 lstm --clip-grad-norm 1.0
fi
[ "$STAGE" = fixed ] && exit 0
if [ "$STAGE" = scaled ] || [ "$STAGE" = all ]; then
    screen_scaled batch32 rmc "batch_size=32" --batch-size 32
    screen_scaled batch32 lstm "batch_size=32" --batch-size 32
    screen_scaled slots5 rmc "mem_slots=5" --mem-slots 5
    screen_scaled heads2x32 rmc "num_heads=2 head_size=32" --num-heads 2 --head-size 32
    screen_scaled blocks2 rmc "num_blocks=2" --num-blocks 2
    screen_scaled hidden256 lstm "lstm_hidden=256" --lstm-hidden 256
    screen_scaled head512 lstm "head_hidden=[512]" --head-hidden 512
    exit 0
fi
# Second stage: settings that change the cost of a step, screened at a budget of 5 timed minutes (the
# sweep times both models interleaved, so their step ratio is fair on a loaded machine; the absolute
# step counts it picks are in each run's summary and in the search table).
screen_timed() {  # screen_timed NAME MODEL [changed settings...]
    local name=$1 model=$2
    shift 2
    local out="runs/search/o5f2-$name-$model"
    if [ -f "$out/${model}_seed0.pt" ]; then
        echo "skip $out (finished)"
        return
    fi
    "$PY" -m rmc_course.sweep "${BASE[@]}" "$@" --model "$model" --seeds 0 --budget-minutes 5 \
        --workers 1 --nice 19 --quiet --out-dir "$out" --note "ladder search screen (timed): $name ($*)"
}
screen_timed batch32 rmc --batch-size 32
screen_timed batch32 lstm --batch-size 32
screen_timed slots5 rmc --mem-slots 5
screen_timed heads2x32 rmc --num-heads 2 --head-size 32
screen_timed blocks2 rmc --num-blocks 2
screen_timed hidden256 lstm --lstm-hidden 256
screen_timed head512 lstm --head-hidden 512
