import{_ as W,o as U,j as E,u as h,a as v,p as O,h as x,e as m,t as i,A as n,c as D,g as A,b as r,q as S,r as G,v as V,w as z,x as J,y as Q,z as Y,B as u,k as F,C as M,D as X,n as k,E as Z,F as y,G as L,H as C,I as P,J as I,K as tt,L as q,s as et,d as st,M as B,m as at}from"./index-LJLEnFYQ.js";import{i as it,b as rt,f as ot,e as H,m as T,c as nt,t as lt,d as dt,s as K,g as ct,M as ht,h as pt,a as ut}from"./setlog-DK9JS_cg.js";const $t="application/vnd.apple.mpegurl";function gt($){try{return new URL($.url,location.href).pathname.endsWith(".m3u8")}catch{return $.url.includes(".m3u8")}}class ft{constructor(t,e,s){this.items=t,this.onChange=e,this.refresh=s;const a=document.createElement("video");a.playsInline=!0,a.controls=!0,a.preload="auto",a.className="video",a.setAttribute("playsinline",""),a.setAttribute("data-testid","video"),a.addEventListener("ended",()=>this.advance()),a.addEventListener("error",()=>{this.onError()}),a.addEventListener("play",()=>this.onChange()),a.addEventListener("pause",()=>this.onChange()),this.video=a}items;onChange;refresh;video;index=0;finished=!1;mutedByPolicy=!1;failed=-1;hls=null;refreshedAt=-1;skipTimer=0;loadSeq=0;get current(){return this.items[this.index]}async load(t,e=!0){if(t<0||t>=this.items.length)return;const s=++this.loadSeq;window.clearTimeout(this.skipTimer),this.index=t,this.finished=!1,this.failed=-1,this.detachHLS();const a=this.items[t],o=this.video;if(gt(a)&&!o.canPlayType($t)){const{default:l}=await W(async()=>{const{default:c}=await import("./hls-39WTWagW.js");return{default:c}},[]);if(s!==this.loadSeq)return;if(l.isSupported()){const c=new l({enableWorker:!0,lowLatencyMode:!1});c.on(l.Events.ERROR,(p,d)=>{d.fatal&&this.onError()}),c.loadSource(a.url),c.attachMedia(o),this.hls=c}else o.src=a.url}else o.src=a.url;this.onChange(),e&&await this.play()}async play(){try{await this.video.play()}catch(t){if(t instanceof DOMException&&t.name==="NotAllowedError"&&!this.video.muted){this.video.muted=!0,this.mutedByPolicy=!0;try{await this.video.play()}catch{}}}this.onChange()}unmute(){this.video.muted=!1,this.mutedByPolicy=!1,this.onChange()}next(){this.index<this.items.length-1&&this.load(this.index+1)}prev(){this.index>0&&this.load(this.index-1)}advance(){this.index<this.items.length-1?this.load(this.index+1):(this.finished=!0,this.onChange())}async onError(){const t=this.current;if(!t)return;if((t.urlExpireTime?Date.parse(t.urlExpireTime)<=Date.now()+5e3:!1)&&this.refreshedAt!==this.index){this.refreshedAt=this.index;const a=await this.refresh().catch(()=>null);if(a&&a.length===this.items.length){this.items=a;const o=this.video.currentTime;await this.load(this.index),this.video.currentTime=o;return}}this.failed=this.index,this.onChange();const s=this.index;this.skipTimer=window.setTimeout(()=>{this.index===s&&this.advance()},1500)}detachHLS(){this.hls&&(this.hls.destroy(),this.hls=null)}destroy(){window.clearTimeout(this.skipTimer),this.loadSeq++,this.detachHLS(),this.video.pause(),this.video.removeAttribute("src"),this.video.load()}}const mt={CLIP_KIND_INTRO:"hand",CLIP_KIND_TECHNIQUE:"target",CLIP_KIND_INSTRUCTION:"list",CLIP_KIND_MISTAKE:"alert",CLIP_KIND_WEEKLY_MOTIVATION:"flame",CLIP_KIND_REST_DAY:"moon",CLIP_KIND_CLOSING:"flag"};function j($,t=16){const e=mt[$??""];return e?u(e,t):n}const wt="⏱ ";function bt($){const t=$.indexOf(`

`+wt);return(t>=0?$.slice(0,t):$).trimEnd()}function vt($){return $ instanceof E?$.status===404?!0:$.status===400&&$.violations.length>0&&$.violations.every(t=>/^(week|day|plan_id|planId)$/.test(t.field)):!1}const N=6,R=$=>`fitcoach.workout.${$}`;class xt{constructor(t,e,s){this.planId=t,this.week=e,this.day=s,window.addEventListener("beforeunload",this.onBeforeUnload),this.load()}planId;week;day;workout=null;error=null;starting=!1;startError=null;player=null;notice="";missing=[];showPlaylist=window.innerWidth>=900;exIdx=0;pinned=!1;resumed=!1;queued=!1;setsDone=new Map;rest=null;restTick=0;restOver=!1;rows=new Map;logging=!1;swapFor=-1;swapOptions=null;swapChoice="";swapLater=!1;swapAll=!1;swapBusy=!1;swapError=null;swapped="";adapting=!1;holdStart=0;effort=0;notes="";errors=new Map;completeError="";completing=!1;editing=!1;justCompleted=!1;onBeforeUnload=t=>{this.inProgress&&(t.preventDefault(),t.returnValue="")};get inProgress(){return!this.completed&&!this.workout?.isRestDay&&(!!this.player||this.setsDone.size>0)}persist(){if(this.completed&&!this.editing)return;const t={sets:[...this.setsDone],rows:[...this.rows],effort:this.effort,notes:this.notes};try{localStorage.setItem(R(this.key),JSON.stringify(t))}catch{}}restoreDraft(){let t=null;try{t=JSON.parse(localStorage.getItem(R(this.key))??"null")}catch{t=null}if(!t||this.completed)return!1;this.setsDone=new Map(t.sets??[]);const e=(t.rows??[]).filter(([s,a])=>this.rows.has(s)&&it(a)&&a.kind===this.rows.get(s).kind);for(const[s,a]of e)this.rows.set(s,a);return this.effort=t.effort??0,this.notes=t.notes??"",this.setsDone.size>0||e.some(([,s])=>s.sets.some(rt)||s.pain)}clearDraft(){localStorage.removeItem(R(this.key))}get key(){return U(this.planId,this.week,this.day)}async load(){if(this.error=null,this.week<1||this.week>12||this.day<1||this.day>7){this.error=new E(404,"NOT_FOUND",""),h();return}try{this.workout=(await v.getWorkout(this.planId,this.week,this.day)).workout;const t=O(this.planId,this.week,this.day);t&&(this.workout={...this.workout,log:{...t.body,completeTime:null}},this.queued=!0),this.fillForm(),this.resumed=this.restoreDraft()}catch(t){if(x(t))return;this.error=t}h()}fillForm(){const t=this.workout;if(!t)return;const e=t.log,s=new Set;this.rows=new Map,(t.exercises??[]).forEach((a,o)=>{const l=(e?.exercises??[]).findIndex((p,d)=>!s.has(d)&&p.exerciseSlug.toLowerCase()===a.exerciseSlug.toLowerCase());l>=0&&s.add(l);const c=l>=0?ot(a,e.exercises[l]):H(a);for(let p=0;p<(this.setsDone.get(o)??0)&&l<0;p++)T(c);this.rows.set(o,c)}),e?.perceivedEffort&&(this.effort=e.perceivedEffort),e?.notes&&(this.notes=bt(e.notes))}get completed(){const t=this.workout?.log;return!!t&&(!!t.completeTime||t.perceivedEffort>0)}async start(){this.starting=!0,this.startError=null,h();try{const t=await v.startWorkout(this.planId,this.week,this.day);t.workout&&(this.workout={...t.workout,log:t.workout.log??this.workout?.log}),this.notice=t.notice??"",this.missing=t.playlist?.missing??[];const e=(t.playlist?.items??[]).filter(s=>s.url);this.player?.destroy(),this.player=new ft(e,()=>this.onClip(),()=>this.refreshURLs()),this.exIdx=0,this.starting=!1,h(),e.length&&await this.player.load(0),requestAnimationFrame(()=>document.querySelector(".session")?.scrollIntoView({behavior:"smooth",block:"start"}))}catch(t){if(x(t))return;this.startError=t,this.starting=!1,h()}}async refreshURLs(){return((await v.startWorkout(this.planId,this.week,this.day)).playlist?.items??[]).filter(e=>e.url)}onClip(){const t=this.player?.current,e=this.workout?.exercises??[];if(t?.exerciseSlug&&!this.pinned){const s=e.findIndex(a=>a.exerciseSlug.toLowerCase()===t.exerciseSlug.toLowerCase());s>=0&&(this.exIdx=s)}h()}showExercise(t){const e=this.workout?.exercises?.length??0;this.pinned=!0,this.exIdx=Math.max(0,Math.min(e-1,t));const s=(this.workout?.exercises?.[this.exIdx]?.exerciseSlug??"").toLowerCase(),a=this.player;if(a&&s&&a.current?.exerciseSlug?.toLowerCase()!==s){const o=a.items.findIndex(l=>l.exerciseSlug?.toLowerCase()===s);o>=0&&a.load(o)}h()}openLog(){this.logging=!0,h(),requestAnimationFrame(()=>{const t=document.querySelector("[data-testid=complete-form] h2");t&&(t.tabIndex=-1,t.focus())})}editLog(){this.editing=!0,this.justCompleted=!1,this.fillForm(),h()}async openSwap(t,e){if(this.swapFor===t){this.swapFor=-1,h();return}this.swapFor=t,this.swapOptions=null,this.swapChoice="",this.swapError=null,this.swapAll=!1,h();try{const s=await v.swapOptions(this.planId,this.week,this.day,e.exerciseSlug);if(this.swapFor!==t)return;this.swapOptions=s.options??[],this.swapChoice=this.swapOptions[0]?.exerciseSlug??""}catch(s){if(x(s))return;this.swapError=s}h(),requestAnimationFrame(()=>document.querySelector("[data-testid=swap-panel] [aria-checked=true]")?.focus())}async doSwap(t){const e=this.swapFor;this.swapBusy=!0,this.swapError=null,h();try{const s=await v.swap(this.planId,this.week,this.day,t.exerciseSlug,{toSlug:this.swapChoice,laterWeeks:this.swapLater}),a=m(t.exerciseSlug,t.name),o=s.workout?.exercises?.[e];this.workout={...s.workout,log:s.workout.log??this.workout?.log},this.rows.delete(e),this.setsDone.delete(e),this.persist(),this.swapped=i("swappedTo",{from:a,to:o?m(o.exerciseSlug,o.name):this.swapChoice}),this.swapFor=-1,this.swapLater=!1,requestAnimationFrame(()=>document.querySelector(`[data-testid=swap-${e}]`)?.focus())}catch(s){if(x(s))return;this.swapError=s}finally{this.swapBusy=!1,h()}}swapPanel(t){const e=this.swapOptions;return r`<div class="swap-panel" data-testid="swap-panel">
      ${this.swapError?D(this.swapError,()=>{this.doSwap(t)}):n}
      ${e===null&&!this.swapError?A(i("swapLoading")):e&&e.length===0?r`<p class="muted" data-testid="swap-none">${i("swapNone")}</p>`:e?r`<div class="swap-list" role="radiogroup" aria-label=${i("swapChoose")}>
                  ${(this.swapAll?e:e.slice(0,N)).map(s=>r`<button
                      type="button"
                      role="radio"
                      class="swap-opt ${this.swapChoice===s.exerciseSlug?"on":""}"
                      aria-checked=${this.swapChoice===s.exerciseSlug}
                      tabindex=${this.swapChoice===s.exerciseSlug?"0":"-1"}
                      @click=${()=>{this.swapChoice=s.exerciseSlug,h()}}
                      data-testid="swap-opt-${s.exerciseSlug}"
                    >
                      <strong>${m(s.exerciseSlug,s.name)}</strong>
                      ${s.reason?r`<span class="muted small">${s.reason}</span>`:n}
                    </button>`)}
                </div>
                ${!this.swapAll&&e.length>N?r`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>{this.swapAll=!0,h()}} data-testid="swap-more">${i("swapMore",{n:e.length-N})}</button>`:n}
                <label class="check">
                  <input type="checkbox" .checked=${this.swapLater} @change=${s=>this.swapLater=s.target.checked} data-testid="swap-later" />
                  ${i("swapLater")}
                </label>
                <div class="actions">
                  <button class="btn btn-primary btn-sm" ?disabled=${this.swapBusy||!this.swapChoice} @click=${()=>this.doSwap(t)} data-testid="swap-confirm">
                    ${this.swapBusy?r`<span class="spin" aria-hidden="true"></span>`:n}${i("swapConfirm")}
                  </button>
                  <button class="btn btn-ghost btn-sm" @click=${()=>{this.swapFor=-1,h()}}>${i("cancel")}</button>
                </div>`:n}
    </div>`}tickSet(t,e){const s=S(e);this.pinned=!0;const a=Math.min(s,(this.setsDone.get(t)??0)+1);this.setsDone.set(t,a);const o=this.row(t,e),l=this.holdStart?Math.round((Date.now()-this.holdStart)/1e3):0;this.holdStart=0,o.kind==="intervals"?o.sets.forEach(()=>T(o)):T(o,l),this.persist(),a<s&&(e.restSeconds??0)>0?this.startRest(e.restSeconds??0):(this.stopRest(),h())}startRest(t,e){this.stopRest(),this.restOver=!1,this.rest={endAt:Date.now()+t*1e3,total:t,hold:e},this.restTick=window.setInterval(()=>{if(this.rest&&Date.now()>=this.rest.endAt){const s=this.rest.hold;this.stopRest(),"vibrate"in navigator&&navigator.vibrate?.(200),s?s():this.restOver=!0}h()},250),h()}startHold(t,e){this.pinned=!0,this.startRest(e.durationSeconds??0,()=>this.tickSet(t,e)),this.holdStart=Date.now()}stopRest(){window.clearInterval(this.restTick),this.restTick=0,this.rest=null}async complete(t){t.preventDefault();const e=this.workout;if(!e)return;if(this.errors=new Map,this.completeError="",this.effort<1||this.effort>10){this.errors.set("perceivedEffort",[i("effortRequired")]),h();return}const s=[];for(const[o,l]of(e.exercises??[]).entries()){const c=this.row(o,l);c.sets.some(d=>nt(d).length)&&this.errors.set(`exercises.${o}.sets`,[i("notANumber")]);const p=lt(l.exerciseSlug,c);(p.sets?.length||p.pain)&&s.push(p)}if(this.errors.size){this.completeError=i("fixFields"),h();return}const a=this.notes.trim();this.completing=!0,h();try{const o=await v.completeWorkout(this.planId,this.week,this.day,{exercises:s,perceivedEffort:this.effort,notes:a});this.workout={...e,log:o.log},this.adapting=!!o.adaptationQueued,this.logging=!1,G(this.planId,this.week,this.day),this.queued=!1,V.done.set(this.key,!0),this.clearDraft(),this.resumed=!1,this.editing=!1,this.justCompleted=!0,this.stopRest(),requestAnimationFrame(()=>document.querySelector("[data-testid=completed]")?.scrollIntoView({behavior:"smooth",block:"center"}))}catch(o){if(x(o))return;if(o instanceof E&&o.status===0){const l={exercises:s,perceivedEffort:this.effort,notes:a};z({planId:this.planId,week:this.week,day:this.day,body:l}),this.workout={...e,log:{...l,completeTime:null}},this.queued=!0,this.logging=!1,this.clearDraft(),this.resumed=!1,this.editing=!1,this.justCompleted=!0,this.stopRest()}else if(o instanceof E&&o.violations.length){this.errors=new Map;for(const[l,c]of J(o.violations,["request"],Q)){const p=/^exercises\.(\d+)(.*)$/.exec(l),d=p?(e.exercises??[]).findIndex(f=>f.exerciseSlug===s[Number(p[1])]?.exerciseSlug):-1;this.errors.set(p&&d>=0?`exercises.${d}${p[2]}`:l,c)}this.completeError=i("fixFields")}else this.completeError=Y(o)}finally{this.completing=!1,h()}}errs(t){const e=[];for(const[s,a]of this.errors)(s===t||s.startsWith(t+"."))&&e.push(...a);return e}header(t){return r`<section class="day-hero ${t.isRestDay?"is-rest":""}">
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}?week=${this.week}" data-nav data-testid="back-to-plan">‹ ${i("backToPlan")}</a>
      <div class="eyebrow">${i("week",{n:this.week})} · ${i("day",{n:this.day})}</div>
      <h1 data-testid="workout-name">${t.workoutName}</h1>
      <div class="meta-row">
        ${t.isRestDay?r`<span class="badge badge-rest">${u("moon",14)} ${i("restDay")}</span>`:n}
        ${t.isRestDay?n:r`<span class="badge">${F("exercises",t.exercises.length)}</span>`}
        ${this.completed?r`<span class="badge badge-done" data-testid="done-badge">✓ ${i("completedBadge")}</span>`:n}
      </div>
      ${t.weekFocus?r`<p class="week-focus"><span class="label-inline">${i("focus")}:</span> ${t.weekFocus}</p>`:n}
      ${t.confidenceTask?r`<div class="task"><span class="task-icon">${u("bolt",22)}</span><div><strong>${i("confidenceTask")}</strong><p>${t.confidenceTask}</p></div></div>`:n}
      ${this.player||t.isRestDay?n:r`<div class="actions">
            <button class="btn btn-cta btn-lg" ?disabled=${this.starting} @click=${()=>this.start()} data-testid="start-workout">
              ${this.starting?r`<span class="spin" aria-hidden="true"></span>${i("starting")}`:r`${u("play",20)} ${i("startWorkout")}`}
            </button>
            ${this.completed||this.logging||this.resumed?n:r`<button class="btn btn-ghost btn-lg" @click=${()=>this.openLog()} data-testid="log-workout">${u("list",20)} ${i("logWorkout")}</button>`}
          </div>`}
      ${this.startError?D(this.startError,()=>{this.start()}):n}
    </section>`}exerciseTable(t){if(t.isRestDay)return r`<div class="card rest-card" data-testid="recovery">
        <span class="big-icon">${u("moon",44)}</span>
        <h2>${i("recoveryTitle")}</h2>
        ${t.recoveryGuidance?r`<p data-testid="recovery-guidance">${t.recoveryGuidance}</p>`:r`<p>${i("restDayLead")}</p>
              <ul class="recovery-list">
                <li>${i("recovery1")}</li>
                <li>${i("recovery2")}</li>
                <li>${i("recovery3")}</li>
              </ul>`}
        ${this.player?n:r`<div class="actions">
              <button class="btn btn-ghost" ?disabled=${this.starting} @click=${()=>this.start()} data-testid="rest-video">
                ${u("play",18)} ${i("recoveryVideo")}
              </button>
            </div>`}
      </div>`;const e=M(t.exercises);return r`<div class="card ex-table" data-testid="exercises">
      ${this.swapped?r`<div class="alert alert-ok" role="status" data-testid="swapped">${this.swapped}</div>`:n}
      ${X(t.exercises).map(s=>r`<section class="ex-block" data-block=${s.block} data-testid="block-${s.block}">
          ${e?r`<h2 class="ex-block-title">${k("block_"+s.block)}</h2>`:n}
          <ol start=${s.items[0].i+1}>
            ${s.items.map(({e:a,i:o})=>{const l=[Z(a),y(a)].filter(Boolean).join(" · ");return r`<li class=${this.player&&o===this.exIdx?"current":""} data-kind=${L(a)} data-slug=${a.exerciseSlug} data-testid="exercise-${o}">
                <span class="ex-idx">${o+1}</span>
                <span class="ex-main">
                  <span class="ex-name">${m(a.exerciseSlug,a.name)}</span>
                  ${a.cue?r`<span class="ex-cue" data-testid="cue-${o}">${a.cue}</span>`:n}
                </span>
                <span class="ex-dose">
                  <span class="dose" data-testid="dose-${o}">${C(a)}</span>
                  ${l?r`<span class="rest">${l}</span>`:n}
                </span>
                ${(this.setsDone.get(o)??0)>=S(a)?r`<span class="tick" aria-label=${i("done")}>✓</span>`:n}
                <span class="ex-acts">
                  <a class="btn btn-ghost btn-xs" href="/history/exercises/${encodeURIComponent(a.exerciseSlug)}" data-nav data-testid="history-${o}"
                    aria-label=${i("historyOf",{name:m(a.exerciseSlug,a.name)})}>${i("historyShort")}</a>
                  ${this.completed?n:r`<button class="btn btn-ghost btn-xs" aria-expanded=${this.swapFor===o} @click=${()=>this.openSwap(o,a)} data-testid="swap-${o}"
                        aria-label=${i("swapOf",{name:m(a.exerciseSlug,a.name)})}>⇄ ${i("swap")}</button>`}
                </span>
                ${this.swapFor===o?this.swapPanel(a):n}
              </li>`})}
          </ol>
        </section>`)}
    </div>`}restRing(){const t=this.rest,e=Math.max(0,Math.ceil((t.endAt-Date.now())/1e3)),s=t.total>0?Math.max(0,(t.endAt-Date.now())/(t.total*1e3)):0,a=2*Math.PI*42,o=t.hold;return r`<div class="rest-timer ${o?"is-hold":""}" role="timer" aria-live="off" data-testid=${o?"hold-timer":"rest-timer"}>
      <svg viewBox="0 0 100 100" class="ring" aria-hidden="true">
        <circle cx="50" cy="50" r="42" class="ring-bg" />
        <circle cx="50" cy="50" r="42" class="ring-fg" stroke-dasharray=${a} stroke-dashoffset=${a*(1-s)} />
      </svg>
      <div class="rest-left"><span class="rest-label">${o?i("holdNow"):i("restNow")}</span><strong>${P(e)}</strong></div>
      ${o?r`<button class="btn btn-ghost btn-sm" @click=${()=>{this.stopRest(),o()}} data-testid="hold-done">${i("holdDone")}</button>`:r`<button class="btn btn-ghost btn-sm" @click=${()=>{this.stopRest(),h()}}>${i("skipRest")}</button>`}
    </div>`}doseGrid(t){const e=(a,o,l)=>r`<div><span class="dose-num" data-testid=${a}>${o}</span><span class="dose-lbl">${l}</span></div>`,s=(t.restSeconds??0)>0?e("current-rest",I(t.restSeconds??0),i("restSecondsLabel")):n;switch(L(t)){case"intervals":return r`${e("current-sets",String(t.rounds??0),i("roundsLabel"))}${e("current-reps",I(t.workSeconds??0),i("workLabel"))}${e("current-rest",I(t.recoverySeconds??0),i("recoveryLabel"))}`;case"cardio":return r`${e("current-reps",et(t.durationSeconds??0),i("time"))}${(t.distanceMeters??0)>0?e("current-distance",st(t.distanceMeters??0),i("distanceLabel")):n}${y(t)?e("current-effort",y(t),i("effortTarget")):n}`;case"time":return r`${e("current-sets",String(S(t)),i("sets"))}${e("current-reps",q(t.durationSeconds??0),i("time"))}${s}`;default:return r`${e("current-sets",String(S(t)),i("sets"))}${e("current-reps",tt(t.reps),i("reps"))}${s}`}}coachPanel(t){const e=t.exercises??[];if(t.isRestDay||e.length===0)return r`<div class="coach-panel card"><p class="muted">${i("restDayLead")}</p></div>`;const s=Math.min(this.exIdx,e.length-1),a=e[s],o=L(a),l=S(a),c=this.setsDone.get(s)??0,p=a.restSeconds??0,d=this.player?.current,f=!d?.exerciseSlug&&d?.kind==="CLIP_KIND_INTRO",g=o==="cardio"?"":y(a);return r`<div class="coach-panel card" data-testid="current-exercise" data-kind=${o} data-index=${s} data-sets=${l} data-slug=${a.exerciseSlug.toLowerCase()}>
      <div class="coach-top">
        <button class="icon-btn" ?disabled=${this.exIdx===0} @click=${()=>this.showExercise(this.exIdx-1)} aria-label=${i("prev")} data-testid="panel-prev">‹</button>
        <div class="eyebrow">${f?i("upNext"):i("exercise")} ${this.exIdx+1}/${e.length}${M(e)?r` · ${k("block_"+(a.block||"main"))}`:n}</div>
        <button class="icon-btn" ?disabled=${this.exIdx>=e.length-1} @click=${()=>this.showExercise(this.exIdx+1)} aria-label=${i("next")} data-testid="panel-next">›</button>
      </div>
      <h2 class="coach-name" data-testid="current-exercise-name">${m(a.exerciseSlug,a.name)}</h2>
      <div class="dose-grid">${this.doseGrid(a)}</div>
      ${this.coachHints(a,s)}
      <p class="coach-dose" data-testid="current-dose" ?hidden=${B(a)===C(a)&&o!=="reps"}>${B(a)}</p>
      ${g||a.cue?r`<p class="coach-cue" data-testid="current-cue">
            ${g?r`<span class="badge badge-soft" title=${i("rpeTitle")}>${g}</span>`:n} ${a.cue??""}
          </p>`:n}
      ${l>1?r`<div class="set-dots" role="img" aria-label=${i("setProgress",{i:c,n:l})}>
            ${Array.from({length:l},(_,b)=>r`<span class=${b<c?"on":""}></span>`)}
          </div>`:n}
      ${this.completed&&!this.editing?n:this.rest?this.restRing():c>=l?r`<p class="all-done">✓ ${l>1?i("allSetsDone"):i("done")}</p>
              ${s<e.length-1?r`<button class="btn btn-primary" @click=${()=>this.showExercise(s+1)} data-testid="next-exercise">
                    ${i("nextExercise")} ›
                  </button>`:n}`:r`<div class="coach-actions">
              ${o==="time"&&(a.durationSeconds??0)>0?r`<button class="btn btn-cta" @click=${()=>this.startHold(s,a)} data-testid="start-hold">
                    ${u("timer",18)} ${i("startHold",{t:q(a.durationSeconds??0)})}
                  </button>`:n}
              <button class="btn btn-primary" @click=${()=>this.tickSet(s,a)} data-testid="set-done">
                ${u("check",18)} ${l>1?i("setDone",{i:c+1,n:l}):i("markDone")}
              </button>
              ${p>0&&l>1?r`<button class="btn btn-ghost" @click=${()=>this.startRest(p)} data-testid="start-rest">
                    ${u("timer",18)} ${i("startRest",{t:I(p)})}
                  </button>`:n}
            </div>`}
      ${this.restOver&&!this.rest?r`<p class="rest-over" role="status">${i("restOver")}</p>`:n}
    </div>`}session(t){const e=this.player,s=e.current,a=e.items.length,o=t.isRestDay||(t.exercises??[]).length===0;return r`<section class="session" data-testid="session">
      ${this.notice?r`<div class="alert alert-info" role="status" data-testid="notice">${this.notice}</div>`:n}
      ${this.missing.length?r`<div class="alert alert-warn" role="status">
            ${i("missingClips",{list:this.missing.map(l=>`${k("kind_"+l.kind,l.kind)}${l.exerciseSlug?" · "+m(l.exerciseSlug):""}`).join(", ")})}
          </div>`:n}
      <div class="session-grid ${o?"solo":""}">
        <div class="player card">
          ${a?r`<div class="video-box">
                  ${e.video}
                  ${e.failed===e.index?r`<div class="video-overlay">${i("videoError")}</div>`:n}
                  ${e.mutedByPolicy?r`<button class="unmute" @click=${()=>e.unmute()}>${u("volume",18)}</button>`:n}
                </div>
                <div class="now">
                  <div class="now-text">
                    <div class="now-meta">
                      <span class="eyebrow">${i("clipOf",{i:e.index+1,n:a})}</span>
                      ${s?.kind?r`<span class="badge badge-soft kind">${j(s.kind,14)} ${k("kind_"+s.kind,"")}</span>`:n}
                    </div>
                    <div class="now-title" data-testid="now-title">${s?.title||m(s?.exerciseSlug??"",s?.exerciseName)}</div>
                  </div>
                  <div class="now-ctrl">
                    <button class="icon-btn" ?disabled=${e.index===0} @click=${()=>e.prev()} aria-label=${i("prev")} data-testid="prev-clip">${u("prev",18)}</button>
                    <button class="icon-btn" ?disabled=${e.index>=a-1} @click=${()=>e.next()} aria-label=${i("next")} data-testid="next-clip">${u("next",18)}</button>
                  </div>
                </div>
                <div class="progress" aria-hidden="true"><span style="width:${(e.index+(e.finished?1:0))/a*100}%"></span></div>
                ${e.finished?r`<div class="alert alert-ok" role="status" data-testid="playlist-finished">${u("flag",18)} ${i("finished")}</div>`:n}
                <details class="playlist" ?open=${this.showPlaylist} @toggle=${l=>this.showPlaylist=l.target.open}>
                  <summary>${i("playlist")} · ${a}</summary>
                  <ol>
                    ${e.items.map((l,c)=>r`<li class="${c===e.index?"on":""} ${c<e.index?"past":""}" data-slug=${(l.exerciseSlug??"").toLowerCase()}>
                        <button @click=${()=>{e.load(c)}} data-testid="clip-${c}">
                          <span class="pl-icon" aria-hidden="true">${c===e.index?u("play",16):c<e.index?u("check",16):j(l.kind)}</span>
                          <span class="pl-title">${l.title||k("kind_"+l.kind,l.kind)}</span>
                          <span class="pl-dur">${P(l.durationSeconds)}</span>
                        </button>
                      </li>`)}
                  </ol>
                </details>`:r`<div class="alert alert-info">${this.notice?"":i("playlistEmpty")}</div>`}
        </div>
        ${o?n:this.coachPanel(t)}
      </div>
    </section>`}completeForm(t){const e=this.errs("perceivedEffort"),s=this.errs("notes");return r`<form class="card form complete-form" novalidate @submit=${a=>this.complete(a)} data-testid="complete-form">
      <h2>${i("completeTitle")}</h2>
      <p class="muted">${i("completeLead")}</p>
      ${t.exercises.length?r`<div class="log-rows">${t.exercises.map((a,o)=>this.logRow(a,o))}</div>`:n}
      <div class="field ${e.length?"has-error":""}" data-field="perceivedEffort">
        <span class="label" id="effort-label">${i("effort")}</span>
        <div class="effort" role="radiogroup" aria-labelledby="effort-label">
          ${Array.from({length:10},(a,o)=>o+1).map(a=>r`<button
              type="button"
              role="radio"
              aria-checked=${this.effort===a}
              class="e${a} ${this.effort===a?"on":""}"
              @click=${()=>{this.effort=a,this.persist(),this.errors.delete("perceivedEffort"),h()}}
              data-testid="effort-${a}"
            >
              ${a}
            </button>`)}
        </div>
        <div class="effort-scale muted small"><span>${i("effortLow")}</span><span>${i("effortHigh")}</span></div>
        ${e.map(a=>r`<p class="field-error" role="alert" data-testid="error-perceivedEffort">${a}</p>`)}
      </div>
      <label class="field ${s.length?"has-error":""}">
        <span class="label">${i("workoutNotes")}</span>
        <textarea
          rows="3"
          maxlength="1000"
          placeholder=${i("workoutNotesPlaceholder")}
          .value=${this.notes}
          @input=${a=>{this.notes=a.target.value,this.persist()}}
          data-testid="notes"
        ></textarea>
        ${s.map(a=>r`<p class="field-error" role="alert">${a}</p>`)}
      </label>
      ${this.completeError?r`<div class="alert alert-error" role="alert">${this.completeError}</div>`:n}
      <div class="actions">
        <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.completing} data-testid="complete-workout">
          ${this.completing?r`<span class="spin" aria-hidden="true"></span>${i("completing")}`:r`${u("check",20)} ${i("complete")}`}
        </button>
      </div>
    </form>`}row(t,e){let s=this.rows.get(t);return s||(s=H(e),this.rows.set(t,s)),s}changed(){this.persist(),h()}setInput(t,e,s,a,o){return r`<label class="set-cell">
      <span class="set-lbl" aria-hidden="true">${a}</span>
      <input
        type="text"
        aria-label=${i("setField",{n:e,what:a})}
        inputmode="decimal"
        autocomplete="off"
        .value=${t[s]}
        @input=${l=>{t[s]=l.target.value,t.state===""&&dt(t)&&(t.state="done"),this.changed()}}
        data-testid=${o}
      />
    </label>`}logRow(t,e){const s=this.row(e,t),a=this.errs(`exercises.${e}`),o=m(t.exerciseSlug,t.name),l=s.scale==="rir"?i("rirShort"):i("rpeShort"),c=s.scale==="rir"?[0,1,2,3,4,5]:[1,2,3,4,5,6,7,8,9,10],p=t.suggestion;return r`<fieldset class="log-ex ${a.length?"has-error":""}" data-kind=${s.kind} data-slug=${t.exerciseSlug} data-testid="log-row-${e}">
      <legend class="log-name">
        <strong>${o}</strong>
        <span class="muted small">${C(t)}${y(t)?` · ${y(t)}`:""}</span>
      </legend>
      ${this.coachHints(t,e)}
      ${p&&K(p)?r`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>{ct(s,p),this.changed()}} data-testid="use-suggestion-${e}">${i("useSuggestion")}</button>`:n}
      <div class="sets" role="group" aria-label=${i("setsOf",{name:o})}>
        ${s.sets.map((d,f)=>{const g=f+1,_=w=>i("setField",{n:g,what:w});let b;switch(s.kind){case"cardio":b=r`${this.setInput(d,g,"minutes",i("minShort"),`set-min-${e}-${f}`)}${this.setInput(d,g,"km",i("kmShort"),`set-km-${e}-${f}`)}`;break;case"time":case"intervals":b=this.setInput(d,g,"seconds",i("secShort"),`set-sec-${e}-${f}`);break;default:b=r`${this.setInput(d,g,"kg",i("kgShort"),`set-kg-${e}-${f}`)}${this.setInput(d,g,"reps",i("repsShort"),`set-reps-${e}-${f}`)}`}return r`<div class="set-row ${d.state}" data-testid="set-${e}-${f}" data-state=${d.state}>
            <span class="set-n" aria-hidden="true">${g}</span>
            <span class="visually-hidden">${i("setN",{n:g})}</span>
            ${d.state==="skipped"?r`<span class="set-skipped">${i("skipped")}</span>`:b}
            ${d.state==="skipped"?n:r`<label class="set-cell">
                  <span class="set-lbl">${l}</span>
                  <select
                    aria-label=${_(l)}
                    .value=${d.effort}
                    @change=${w=>{d.effort=w.target.value,this.changed()}}
                    data-testid="set-effort-${e}-${f}"
                  >
                    <option value="" ?selected=${d.effort===""}>—</option>
                    ${c.map(w=>r`<option value=${String(w)} ?selected=${d.effort===String(w)}>${w}</option>`)}
                  </select>
                </label>`}
            <span class="set-state">
              <button
                type="button"
                class="set-btn ok"
                aria-pressed=${d.state==="done"}
                aria-label=${i("setDoneN",{n:g})}
                title=${i("setDoneN",{n:g})}
                @click=${()=>{d.state=d.state==="done"?"":"done",this.changed()}}
                data-testid="set-done-${e}-${f}"
              >${u("check",16)}</button>
              <button
                type="button"
                class="set-btn skip"
                aria-pressed=${d.state==="skipped"}
                aria-label=${i("setSkipN",{n:g})}
                title=${i("setSkipN",{n:g})}
                @click=${()=>{d.state=d.state==="skipped"?"":"skipped",this.changed()}}
                data-testid="set-skip-${e}-${f}"
              >✕</button>
            </span>
          </div>`})}
      </div>
      <div class="log-ex-foot">
        ${s.sets.length<ht?r`<button type="button" class="btn btn-ghost btn-sm" @click=${()=>{pt(s),this.changed()}} data-testid="add-set-${e}">+ ${s.kind==="intervals"?i("addRound"):i("addSet")}</button>`:n}
        <label class="pain-toggle">
          <input
            type="checkbox"
            .checked=${s.pain}
            @change=${d=>{s.pain=d.target.checked,s.pain||(s.painNote=""),this.changed()}}
            data-testid="pain-${e}"
          />
          ${i("painToggle")}
        </label>
      </div>
      ${s.pain?r`<label class="field pain-note">
            <span class="label">${i("painNote")}</span>
            <input
              type="text"
              maxlength="300"
              placeholder=${i("painNotePlaceholder")}
              .value=${s.painNote}
              @input=${d=>{s.painNote=d.target.value,this.persist()}}
              data-testid="pain-note-${e}"
            />
          </label>`:n}
      ${a.map(d=>r`<p class="field-error" role="alert">${d}</p>`)}
    </fieldset>`}coachHints(t,e){const s=t.lastTime,a=t.suggestion,o=a?K(a):"";return!s?.summary&&!o?r``:r`<div class="hints">
      ${s?.summary?r`<p class="hint" data-testid="last-time-${e}">
            <span class="hint-k">${i("lastTime")}</span> ${s.summary}${s.pain?r` <span class="badge badge-warn">${i("hurt")}</span>`:n}
          </p>`:n}
      ${o?r`<p class="hint" data-testid="suggestion-${e}">
            <span class="hint-k">${i("suggested")}</span> <strong>${o}</strong>
            <span class="badge badge-soft">${k("action_"+a.action,"")}</span>
            ${a.reason?r`<span class="muted small hint-why">${a.reason}</span>`:n}
          </p>`:n}
    </div>`}loggedSummary(t){const e=(t.log?.exercises??[]).filter(s=>(s.sets??[]).length||s.setsDone||s.pain);return e.length?r`<ul class="logged" data-testid="logged">
      ${e.map(s=>r`<li>
          <strong>${m(s.exerciseSlug,t.exercises.find(a=>a.exerciseSlug===s.exerciseSlug)?.name)}</strong>
          <span>${(s.sets??[]).length?(s.sets??[]).map(ut).join(", "):(s.repsDone??[]).length?s.repsDone.join(", "):F("setsN",s.setsDone)}</span>
          ${s.pain?r`<span class="badge badge-warn" data-testid="logged-pain">${i("hurt")}${s.painNote?`: ${s.painNote}`:""}</span>`:n}
        </li>`)}
    </ul>`:r``}completedCard(t){const e=t.log;return r`<div class="card completed ${this.justCompleted?"pop":""}" role="status" data-testid="completed">
      <div class="completed-icon">${u("check",26)}</div>
      <div class="completed-body">
        <h2>${this.justCompleted?i("completedTitle"):i("completedBadge")}</h2>
        <p class="muted">
          ${this.justCompleted?i("completedLead"):""}
          ${e.completeTime?i("completedOn",{d:at(e.completeTime)}):""}
        </p>
        ${this.queued&&O(this.planId,this.week,this.day)?r`<div class="alert alert-warn" role="status" data-testid="queued">${i("queued")}</div>`:n}
        ${this.adapting?r`<div class="alert alert-info" role="status" data-testid="adapting">
              ${i("adaptingNext",{n:this.week+1})}
              <a href="/plans/${encodeURIComponent(this.planId)}?week=${this.week+1}&changes=1" data-nav data-testid="see-changes">${i("seeChanges")}</a>
            </div>`:n}
        ${this.loggedSummary(t)}
        ${e.notes?r`<p class="log-notes">${i("quoted",{s:e.notes})}</p>`:n}
        <div class="meta-row">
          <span class="badge badge-done" data-testid="completed-effort">${i("effortValue",{n:e.perceivedEffort})}</span>
          <button class="btn btn-ghost btn-sm" @click=${()=>this.editLog()} data-testid="edit-log">
            ${i("editLog")}
          </button>
        </div>
      </div>
    </div>`}render(){if(this.error)return vt(this.error)?r`<div class="card empty" data-testid="not-found"><h1>${i("notFound")}</h1><p class="muted">${i("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${i("home")}</a></div>`:D(this.error,()=>{this.load()});const t=this.workout;if(!t)return A();const e=t.isRestDay?!1:this.completed?this.editing:!!this.player||this.resumed||this.logging;return r`
      ${this.header(t)}
      ${this.completed&&!this.editing?this.completedCard(t):n}
      ${this.resumed&&!this.player&&!this.completed?r`<div class="alert alert-info" role="status" data-testid="resumed">${i("resumed")}</div>`:n}
      ${this.player?this.session(t):n}
      ${this.exerciseTable(t)}
      ${e?this.completeForm(t):n}
    `}destroy(){window.removeEventListener("beforeunload",this.onBeforeUnload),this.stopRest(),this.player?.destroy(),this.player=null}}export{xt as DayView};
